import type { ClickHouseClient } from '@clickhouse/client';
import { eventFilterSql, type EventFilterInput } from './event-filter.ts';
import { resolveOpenRange, toIso } from './range.ts';
import { keysetPage } from './keyset-page.ts';

export { toIso } from './range.ts';

export interface EventView {
  eventId: string;
  occurredAt: string;
  userEmail: string;
  team: string;
  tool: string;
  urlHost: string;
  action: string;
  riskLevel: string;
  matchCount: number;
  detectors: string[];
  promptSnippet: string;
  reasons: string[];
}

export interface EventRow {
  event_id: string;
  occurred_at: string;
  user_email: string;
  team: string;
  tool: string;
  url_host: string;
  action: string;
  risk_level: string;
  match_count: number;
  detectors: string[];
  prompt_snippet: string;
  reasons: string[];
}

const COLUMNS = `event_id, occurred_at, user_email, team, tool, url_host, action, risk_level, match_count,
       detectors, prompt_snippet, reasons`;

/**
 * The org's events matching the filters, newest first, a page at a time (keyset-page.ts). Pass the
 * same filters with the cursor.
 */
export async function listEvents(
  ch: ClickHouseClient,
  orgId: string,
  page: EventFilterInput & { limit: number; cursor?: string | undefined },
  now = new Date(),
): Promise<{ events: EventView[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await keysetPage<EventRow>(ch, {
    select: `SELECT ${COLUMNS} FROM events FINAL`,
    range: resolveOpenRange(page, now),
    filterFor: (slice) => eventFilterSql(orgId, { ...page, hours: undefined, ...slice }, now),
    cursor: page.cursor,
    limit: page.limit,
    now,
  });
  return { events: rows.map(toView), nextCursor };
}

/**
 * The org's events matching the filters, newest first, at most `limit`, as ClickHouse streams them:
 * rows are yielded as they arrive, never collected.
 */
export async function* streamEvents(
  ch: ClickHouseClient,
  orgId: string,
  filters: EventFilterInput & { limit: number },
  now = new Date(),
): AsyncGenerator<EventView> {
  const filter = eventFilterSql(orgId, filters, now);
  const result = await ch.query({
    query: `
      SELECT ${COLUMNS}
      FROM events FINAL
      WHERE ${filter.where}
      ORDER BY occurred_at DESC, event_id DESC
      LIMIT {limit:UInt32}`,
    query_params: { ...filter.params, limit: filters.limit },
    format: 'JSONEachRow',
  });
  for await (const rows of result.stream<EventRow>()) {
    for (const row of rows) yield toView(row.json());
  }
}

/** A stored row (or a stream record, which has the same fields) as the API shows it. */
export function toView(r: EventRow): EventView {
  return {
    eventId: r.event_id,
    occurredAt: toIso(r.occurred_at),
    userEmail: r.user_email,
    team: r.team,
    tool: r.tool,
    urlHost: r.url_host,
    action: r.action,
    riskLevel: r.risk_level,
    matchCount: Number(r.match_count),
    detectors: r.detectors,
    promptSnippet: r.prompt_snippet,
    reasons: r.reasons,
  };
}
