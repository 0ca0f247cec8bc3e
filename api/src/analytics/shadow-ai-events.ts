import type { ClickHouseClient } from '@clickhouse/client';
import { splitList, usageConditions, type UsageFilterInput } from './event-filter.ts';
import { keysetPage } from './keyset-page.ts';
import { formatRows, type CsvColumns, type ExportFormat } from './export-format.ts';
import { resolveOpenRange, toIsoMs } from './range.ts';

/** A stored shadow-AI event as the API shows it. */
export interface ShadowEvent {
  id: string;
  occurredAt: string;
  tool: string;
  urlHost: string;
  category: string;
  userEmail: string;
  team: string;
  endpointId: string;
  action: string;
  severity: string;
  source: string;
  detail: string;
}

/** The filters of the shadow-AI event view (list and exports), as the route validated them. */
export interface ShadowEventFilter extends UsageFilterInput {
  /** Comma-separated: extension, dlp, heuristic. */
  source?: string | undefined;
}

interface Row {
  event_id: string;
  occurred_at: string;
  tool: string;
  url_host: string;
  category: string;
  user_email: string;
  team: string;
  endpoint_id: string;
  action: string;
  severity: string;
  source: string;
  detail: string;
}

const COLUMNS = `event_id, occurred_at, tool, url_host, category, user_email, team, endpoint_id, action,
       severity, source, detail`;

/** Parameterised conditions over `shadow_ai_events`: fixed fragments, every value a parameter. */
export function shadowEventFilterSql(
  orgId: string,
  input: ShadowEventFilter,
  now: Date,
): { where: string; params: Record<string, unknown> } {
  const { conditions, params } = usageConditions(orgId, input, now);
  if (input.source) {
    conditions.push('source IN {sources:Array(String)}');
    params.sources = splitList(input.source);
  }
  return { where: conditions.join('\n  AND '), params };
}

/** The org's shadow-AI events matching the filters, newest first, a page at a time (keyset-page.ts). */
export async function listShadowEvents(
  ch: ClickHouseClient,
  orgId: string,
  page: ShadowEventFilter & { limit: number; cursor?: string | undefined },
  now = new Date(),
): Promise<{ events: ShadowEvent[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await keysetPage<Row>(ch, {
    select: `SELECT ${COLUMNS} FROM shadow_ai_events FINAL`,
    range: resolveOpenRange(page, now),
    filterFor: (slice) => shadowEventFilterSql(orgId, { ...page, hours: undefined, ...slice }, now),
    cursor: page.cursor,
    limit: page.limit,
    now,
  });
  return { events: rows.map(toShadowEvent), nextCursor };
}

/** The filtered view, newest first, at most `limit` rows, yielded as ClickHouse streams them. */
export async function* streamShadowEvents(
  ch: ClickHouseClient,
  orgId: string,
  filters: ShadowEventFilter & { limit: number },
  now = new Date(),
): AsyncGenerator<ShadowEvent> {
  const filter = shadowEventFilterSql(orgId, filters, now);
  const result = await ch.query({
    query: `
      SELECT ${COLUMNS}
      FROM shadow_ai_events FINAL
      WHERE ${filter.where}
      ORDER BY occurred_at DESC, event_id DESC
      LIMIT {limit:UInt32}`,
    query_params: { ...filter.params, limit: filters.limit },
    format: 'JSONEachRow',
  });
  for await (const rows of result.stream<Row>()) {
    for (const row of rows) yield toShadowEvent(row.json());
  }
}

const toShadowEvent = (r: Row): ShadowEvent => ({
  id: r.event_id,
  occurredAt: toIsoMs(r.occurred_at),
  tool: r.tool,
  urlHost: r.url_host,
  category: r.category,
  userEmail: r.user_email,
  team: r.team,
  endpointId: r.endpoint_id,
  action: r.action,
  severity: r.severity,
  source: r.source,
  detail: r.detail,
});

const CSV_COLUMNS: CsvColumns<ShadowEvent> = [
  ['event_id', (e) => e.id],
  ['occurred_at', (e) => e.occurredAt],
  ['tool', (e) => e.tool],
  ['url_host', (e) => e.urlHost],
  ['category', (e) => e.category],
  ['user_email', (e) => e.userEmail],
  ['team', (e) => e.team],
  ['endpoint_id', (e) => e.endpointId],
  ['action', (e) => e.action],
  ['severity', (e) => e.severity],
  ['source', (e) => e.source],
  ['detail', (e) => e.detail],
];

/** CSV (header first; csvLine quotes and defuses formulas: detail is employee text) or NDJSON. */
export const formatShadowEvents = (
  events: AsyncIterable<ShadowEvent>,
  format: ExportFormat,
): AsyncGenerator<string> => formatRows(events, format, CSV_COLUMNS);
