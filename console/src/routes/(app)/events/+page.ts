import { listEvents } from '#lib/api/client.ts';
import { filtersFromQuery, filtersToApi } from '#lib/filters/event-filters.ts';
import type { PageLoad } from './$types';

export const PAGE_SIZE = 50;

export const load: PageLoad = ({ fetch, url }) => {
  const filters = filtersFromQuery(url.searchParams);
  // Not awaited, so the page can show its loading state.
  const first = listEvents({ ...filtersToApi(filters), limit: PAGE_SIZE }, fetch);
  first.catch(() => {}); // handled by the page
  return { filters, first };
};
