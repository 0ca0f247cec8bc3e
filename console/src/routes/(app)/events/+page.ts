import { listEvents } from '#lib/api/client.ts';
import type { PageLoad } from './$types';

export const PAGE_SIZE = 50;

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the page can show its loading state.
  const first = listEvents({ limit: PAGE_SIZE }, fetch);
  first.catch(() => {}); // handled by the page
  return { first };
};
