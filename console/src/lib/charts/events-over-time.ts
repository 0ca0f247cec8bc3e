// Pure shaping of `GET /v1/admin/analytics/events-over-time` for the overview chart: the API sends
// sparse (start, action, count) triples; the chart wants one row per bucket with every action.
import { ACTIONS, type Action, type EventsOverTime } from '../api/types.ts';

export interface TimelineRow {
  /** Start of the bucket. */
  start: Date;
  ALLOW: number;
  WARN: number;
  MASK: number;
  BLOCK: number;
  total: number;
}

export interface StackSegment {
  action: Action;
  /** Lower edge of the segment (sum of the actions stacked below it). */
  y0: number;
  /** Upper edge of the segment. */
  y1: number;
}

export interface StackedRow {
  start: Date;
  segments: StackSegment[];
  total: number;
}

function emptyRow(startMs: number): TimelineRow {
  return { start: new Date(startMs), ALLOW: 0, WARN: 0, MASK: 0, BLOCK: 0, total: 0 };
}

function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

/**
 * Turns the sparse API response into one row per bucket covering the last `hours` hours up to `now`
 * (the bucket containing `nowMs` included), with zero for every missing bucket/action. Buckets are
 * aligned to multiples of `bucketSeconds` since the Unix epoch; buckets the API returns outside the
 * window (clock skew) widen it rather than being dropped.
 */
export function fillBuckets(
  response: EventsOverTime,
  hours: number,
  nowMs: number = Date.now(),
): TimelineRow[] {
  const stepMs = Math.round(response.bucketSeconds * 1000);
  if (!Number.isFinite(stepMs) || stepMs <= 0) return [];

  const align = (ms: number) => Math.floor(ms / stepMs) * stepMs;
  const count = Math.max(1, Math.ceil((hours * 3_600_000) / stepMs));
  let last = align(nowMs);
  let first = last - (count - 1) * stepMs;

  const counts = new Map<number, TimelineRow>();
  for (const bucket of response.buckets) {
    const startMs = Date.parse(bucket.start);
    if (Number.isNaN(startMs) || !isAction(bucket.action)) continue;
    const key = align(startMs);
    first = Math.min(first, key);
    last = Math.max(last, key);
    const row = counts.get(key) ?? emptyRow(key);
    const n = Number.isFinite(bucket.count) ? bucket.count : 0;
    row[bucket.action] += n;
    row.total += n;
    counts.set(key, row);
  }

  const rows: TimelineRow[] = [];
  for (let t = first; t <= last; t += stepMs) rows.push(counts.get(t) ?? emptyRow(t));
  return rows;
}

/** Stacks the actions of each row bottom-up in `order` (ALLOW at the bottom by default). */
export function stackRows(rows: TimelineRow[], order: readonly Action[] = ACTIONS): StackedRow[] {
  return rows.map((row) => {
    let y = 0;
    const segments = order.map((action) => {
      const y0 = y;
      y += row[action];
      return { action, y0, y1: y };
    });
    return { start: row.start, segments, total: y };
  });
}

/** Highest stack in the rows (0 when empty), for the value axis domain. */
export function maxStack(rows: TimelineRow[]): number {
  return stackRows(rows).reduce((max, row) => Math.max(max, row.total), 0);
}

/** Tick label for a bucket start: time of day for sub-day buckets, the date otherwise. */
export function formatBucket(start: Date, bucketSeconds: number, spanHours: number): string {
  if (bucketSeconds >= 86_400) {
    return start.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  }
  if (spanHours > 24) {
    return start.toLocaleString(undefined, {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }
  return start.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
