import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '@kairro/http';
import { timeSlices } from './time-slices.ts';

type Slice = { from: string | undefined; to: string | undefined };

/**
 * One page of a list ordered newest first by `(occurred_at, event_id)`, with an opaque keyset
 * cursor (stable under concurrent inserts). The raw tables are sorted by (org, day, …, id), not by
 * time, so one `ORDER BY occurred_at` query would merge every part of the range. The page probes
 * time slices back from its newest end instead (time-slices.ts), each query reading only its own
 * slice, until it has a page: slices are disjoint and in time order, so their rows concatenate in
 * the list's order.
 */
export async function keysetPage<Row extends { occurred_at: string; event_id: string }>(
  ch: ClickHouseClient,
  q: {
    /** `SELECT <columns> FROM <table> FINAL`, without a WHERE clause. */
    select: string;
    range: { from?: Date | undefined; to?: Date | undefined };
    /** The list's conditions (on the caller's org first of all) for one slice. */
    filterFor: (slice: Slice) => { where: string; params: Record<string, unknown> };
    cursor?: string | undefined;
    limit: number;
    now: Date;
  },
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const want = q.limit + 1;
  const rows: Row[] = [];
  for (const slice of timeSlices(q.range, after ? cursorTime(after.t) : undefined, q.now)) {
    const filter = q.filterFor(slice);
    rows.push(
      ...(await ch
        .query({
          query: `
            ${q.select}
            WHERE ${filter.where}
              ${after ? "AND (occurred_at, event_id) < ({t:DateTime64(3, 'UTC')}, {id:UUID})" : ''}
            ORDER BY occurred_at DESC, event_id DESC
            LIMIT {limit:UInt32}`,
          query_params: { ...filter.params, limit: want - rows.length, ...(after ?? {}) },
          format: 'JSONEachRow',
        })
        .then((r) => r.json<Row>())),
    );
    if (rows.length >= want) break;
  }
  const pageRows = rows.slice(0, q.limit);
  const last = pageRows.at(-1);
  return {
    rows: pageRows,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.occurred_at, last.event_id) : null,
  };
}

/** A cursor's ClickHouse time text as a Date (UTC). */
export function cursorTime(t: string): Date | undefined {
  const d = new Date(`${t.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
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
