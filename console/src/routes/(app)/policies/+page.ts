import { listPolicies } from '#lib/api/policies.ts';
import { parseTab } from '#lib/policies/list.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  // Not awaited, so the page can show its loading state; errors are handled by the page.
  const policies = listPolicies(fetch);
  policies.catch(() => {});
  return { policies, tab: parseTab(url.searchParams.get('tab')) };
};
