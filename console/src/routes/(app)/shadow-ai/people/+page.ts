import { parseRange } from '#lib/actions.ts';
import { listShadowTools, usageBy } from '#lib/api/shadow-ai.ts';
import { parseBy } from '#lib/shadow-ai/people.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const range = parseRange(url.searchParams.get('range'), '7d');
  const by = parseBy(url.searchParams.get('by'));
  // Not awaited: the page shows its loading state. The tools only name the chips: without them
  // the chips show the tools' ids.
  const people = Promise.all([
    usageBy(by, range.hours, fetch),
    listShadowTools(fetch).catch(() => null),
  ]).then(([rows, tools]) => ({ rows, tools }));
  people.catch(() => {}); // handled by the page
  return { range, by, people };
};
