import { parseRange } from '#lib/actions.ts';
import { discoveredHosts, dismissedHosts } from '#lib/api/shadow-ai.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const range = parseRange(url.searchParams.get('range'), '7d');
  const hosts = discoveredHosts(range.hours, fetch);
  const dismissed = dismissedHosts(fetch);
  hosts.catch(() => {}); // handled by the page
  dismissed.catch(() => {});
  return { range, hosts, dismissed };
};
