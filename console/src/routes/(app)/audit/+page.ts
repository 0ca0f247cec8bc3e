import { listAudit } from '#lib/api/policies.ts';
import type { PageLoad } from './$types';

export const PAGE_SIZE = 25;
export const ENTITY_FILTERS = [
  { key: 'all', label: 'All' },
  { key: 'policy', label: 'Policies' },
  { key: 'tool', label: 'AI tools' },
  { key: 'team', label: 'Teams' },
  { key: 'identity', label: 'Employees' },
] as const;
export type EntityFilter = (typeof ENTITY_FILTERS)[number]['key'];

export const load: PageLoad = ({ fetch, url }) => {
  const entity: EntityFilter =
    ENTITY_FILTERS.find((f) => f.key === url.searchParams.get('entity'))?.key ?? 'all';
  const entityType = entity === 'all' ? undefined : entity;
  // Not awaited, so the page can show its loading state.
  const first = listAudit({ limit: PAGE_SIZE, entityType }, fetch);
  first.catch(() => {}); // handled by the page
  return { first, entity, entityType };
};
