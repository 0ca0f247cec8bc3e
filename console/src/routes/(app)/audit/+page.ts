import { listAudit } from '#lib/api/policies.ts';
import type { PageLoad } from './$types';

export const PAGE_SIZE = 25;

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the page can show its loading state.
  const first = listAudit({ limit: PAGE_SIZE }, fetch);
  first.catch(() => {}); // handled by the page
  return { first };
};
