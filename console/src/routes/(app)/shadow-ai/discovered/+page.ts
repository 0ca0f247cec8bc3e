import { parseRange } from '#lib/actions.ts';
import { discoveredHosts } from '#lib/api/shadow-ai.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const range = parseRange(url.searchParams.get('range'), '7d');
  const hosts = discoveredHosts(range.hours, fetch);
  hosts.catch(() => {}); // handled by the page
  return { range, hosts };
};
