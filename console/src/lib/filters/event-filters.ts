// The events explorer's filters, and how they travel: in the page URL (so a view can be shared) and
// as the query of `GET /v1/admin/events` and its exports. Pure, so both directions are unit-tested.
import { ACTIONS, RISK_LEVELS, type Action, type EventsFilterQuery, type RiskLevel } from '../api/types.ts';
import { RANGES, type RangeKey } from '../actions.ts';

/** The explorer's range choices: the shared ranges plus all time. */
export const EVENT_RANGES = [...RANGES, { key: 'all', label: 'All', hours: undefined }] as const;
export type EventRangeKey = RangeKey | 'all';
export const DEFAULT_EVENT_RANGE: EventRangeKey = '7d';

export interface EventFilters {
  range: EventRangeKey;
  action: Action[];
  severity: RiskLevel[];
  detector: string;
  tool: string;
  user: string;
  team: string;
  q: string;
}

export const EMPTY_FILTERS: EventFilters = {
  range: DEFAULT_EVENT_RANGE,
  action: [],
  severity: [],
  detector: '',
  tool: '',
  user: '',
  team: '',
  q: '',
};

const TEXT_FIELDS = ['detector', 'tool', 'user', 'team', 'q'] as const;
const DETECTOR = /^[A-Z][A-Z0-9_]{1,63}$/;

/** `BLOCK,WARN` (or repeated params) → the known values, in canonical order, without duplicates. */
function parseList<T extends string>(values: string[], known: readonly T[]): T[] {
  const wanted = new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase()));
  return known.filter((k) => wanted.has(k));
}

/** Reads filters from a page URL's query; unknown or malformed values are ignored. */
export function filtersFromQuery(params: URLSearchParams): EventFilters {
  const range = params.get('range');
  const filters: EventFilters = {
    ...EMPTY_FILTERS,
    range: EVENT_RANGES.some((r) => r.key === range) ? (range as EventRangeKey) : DEFAULT_EVENT_RANGE,
    action: parseList(params.getAll('action'), ACTIONS),
    severity: parseList(params.getAll('severity'), RISK_LEVELS),
  };
  for (const field of TEXT_FIELDS) filters[field] = (params.get(field) ?? '').trim();
  return normalizeFilters(filters);
}

/** Drops what the API would refuse: a detector that is not an UPPER_SNAKE type, `q` under 2 characters. */
export function normalizeFilters(filters: EventFilters): EventFilters {
  const detector = filters.detector.trim().toUpperCase();
  const q = filters.q.trim().slice(0, 100);
  return {
    ...filters,
    detector: DETECTOR.test(detector) ? detector : '',
    tool: filters.tool.trim(),
    user: filters.user.trim(),
    team: filters.team.trim(),
    q: q.length >= 2 ? q : '',
  };
}

/** The page URL query for filters (defaults left out, so the plain page has a plain URL). */
export function filtersToQuery(filters: EventFilters): URLSearchParams {
  const f = normalizeFilters(filters);
  const params = new URLSearchParams();
  if (f.range !== DEFAULT_EVENT_RANGE) params.set('range', f.range);
  if (f.action.length > 0) params.set('action', f.action.join(','));
  if (f.severity.length > 0) params.set('severity', f.severity.join(','));
  for (const field of TEXT_FIELDS) if (f[field]) params.set(field, f[field]);
  return params;
}

/** The filters as the API's query. */
export function filtersToApi(filters: EventFilters): EventsFilterQuery {
  const f = normalizeFilters(filters);
  const hours = EVENT_RANGES.find((r) => r.key === f.range)?.hours;
  const query: EventsFilterQuery = {};
  if (hours !== undefined) query.hours = hours;
  if (f.action.length > 0) query.action = f.action;
  if (f.severity.length > 0) query.severity = f.severity;
  for (const field of TEXT_FIELDS) if (f[field]) query[field] = f[field];
  return query;
}

/** Query-string values for the API: lists joined with commas, empty values left out. */
export function apiQueryParams(query: EventsFilterQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query) as Array<[string, unknown]>) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[key] = value.join(',');
    } else out[key] = String(value);
  }
  return out;
}

/** Same-origin URL of the export of the filtered view (the browser downloads it with the cookie). */
export function exportUrl(filters: EventFilters, format: 'csv' | 'ndjson'): string {
  const params = new URLSearchParams({ format, ...apiQueryParams(filtersToApi(filters)) });
  return `/v1/admin/events/export?${params}`;
}

/** How many filters narrow the view besides the range (for the "Clear" button). */
export function activeFilterCount(filters: EventFilters): number {
  const f = normalizeFilters(filters);
  return f.action.length + f.severity.length + TEXT_FIELDS.filter((k) => f[k] !== '').length;
}
