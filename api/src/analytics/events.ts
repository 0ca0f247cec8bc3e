import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '@kairro/http';
import { eventFilterSql, type EventFilterInput } from './event-filter.ts';
import { resolveOpenRange, toIso } from './range.ts';
import { timeSlices } from './time-slices.ts';

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
 * The org's events matching the filters, newest first, with an opaque keyset cursor on
 * `(occurred_at, event_id)` (stable under concurrent inserts). Pass the same filters with the cursor.
 *
 * `events` is sorted by (org, day, event_id), not by time, so one `ORDER BY occurred_at` query would
 * merge every part of the range. The list probes time slices back from its newest end instead (the
 * last hour, day, week, 30 days, then the rest), each query reading only its own slice, until it
 * has a page: slices are disjoint and in time order, so their rows concatenate in the list's order.
 */
export async function listEvents(
  ch: ClickHouseClient,
  orgId: string,
  page: EventFilterInput & { limit: number; cursor?: string | undefined },
  now = new Date(),
): Promise<{ events: EventView[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const range = resolveOpenRange(page, now);
  const want = page.limit + 1;
  const rows: EventRow[] = [];
  for (const slice of timeSlices(range, after ? cursorTime(after.t) : undefined, now)) {
    const filter = eventFilterSql(orgId, { ...page, hours: undefined, ...slice }, now);
    rows.push(
      ...(await ch
        .query({
          query: `
            SELECT ${COLUMNS}
            FROM events FINAL
            WHERE ${filter.where}
              ${after ? "AND (occurred_at, event_id) < ({t:DateTime64(3, 'UTC')}, {id:UUID})" : ''}
            ORDER BY occurred_at DESC, event_id DESC
            LIMIT {limit:UInt32}`,
          query_params: { ...filter.params, limit: want - rows.length, ...(after ?? {}) },
          format: 'JSONEachRow',
        })
        .then((r) => r.json<EventRow>())),
    );
    if (rows.length >= want) break;
  }
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    events: pageRows.map(toView),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.occurred_at, last.event_id) : null,
  };
}

/** A cursor's ClickHouse time text as a Date (UTC). */
export function cursorTime(t: string): Date | undefined {
  const d = new Date(`${t.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
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

/** The opaque keyset cursor of a list ordered by `(occurred_at, event_id)` descending. */
export function encodeCursor(t: string, id: string): string {
  return Buffer.from(JSON.stringify({ t, id })).toString('base64url');
}

export function decodeCursor(cursor: string): { t: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      't' in parsed &&
      'id' in parsed &&
      typeof parsed.t === 'string' &&
      typeof parsed.id === 'string' &&
      /^[\d-]+ [\d:.]+$/.test(parsed.t) &&
      /^[0-9a-f-]{36}$/i.test(parsed.id)
    ) {
      return { t: parsed.t, id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw new ApiError(
    'BAD_REQUEST',
    'Invalid "cursor": pass back the nextCursor of a previous page unchanged.',
  );
}
