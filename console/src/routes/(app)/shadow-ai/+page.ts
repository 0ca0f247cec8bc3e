import { parseRange } from '#lib/actions.ts';
import { discoveredHosts, listShadowTools, shadowInventory } from '#lib/api/shadow-ai.ts';
import { parseStatus } from '#lib/shadow-ai/inventory.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const range = parseRange(url.searchParams.get('range'), '7d');
  const filters = {
    category: url.searchParams.get('category') || null,
    status: parseStatus(url.searchParams.get('status')),
  };
  // Not awaited: the page shows its loading state. The queue's count is a link, not the page:
  // when it fails the page still shows the inventory.
  const inventory = Promise.all([
    shadowInventory(range.hours, filters, fetch),
    listShadowTools(fetch),
    discoveredHosts(range.hours, fetch).then(
      (hosts) => hosts.length,
      () => null,
    ),
  ]).then(([usage, tools, discovered]) => ({ usage, tools, discovered }));
  inventory.catch(() => {}); // handled by the page
  return { range, filters, inventory };
};
