import { parseRange } from '#lib/actions.ts';
import { fetchOverview } from '#lib/live/overview.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const range = parseRange(url.searchParams.get('range'));
  // Not awaited: the page shows its loading state and hands the promise to its live feed.
  const snapshot = fetchOverview(range.hours, fetch);
  snapshot.catch(() => {}); // handled by the feed; keep the browser from reporting it as unhandled
  return { range, snapshot };
};
