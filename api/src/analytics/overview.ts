import type { ClickHouseClient } from '@clickhouse/client';
import { toIso } from './range.ts';

export const CHART_ACTIONS = ['ALLOW', 'WARN', 'MASK', 'BLOCK'] as const;
type ChartAction = (typeof CHART_ACTIONS)[number];

const BUCKET_CHOICES = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400];

/** The smallest bucket that keeps the chart at or under 60 bars; daily beyond 60 days. */
export function bucketSecondsFor(hours: number): number {
  const span = hours * 3600;
  return BUCKET_CHOICES.find((b) => span / b <= 60) ?? 86_400;
}

export async function eventsOverTime(
  ch: ClickHouseClient,
  orgId: string,
  hours: number,
): Promise<{ bucketSeconds: number; buckets: Array<{ start: string; action: ChartAction; count: number }> }> {
  const bucketSeconds = bucketSecondsFor(hours);
  // Hour-sized bars or wider read the hourly aggregate (the first bar then starts on the hour);
  // finer ones read raw events, at most 60 hours of them. uniqExact(event_id) rather than count():
  // a redelivered record not yet merged away counts once.
  const query =
    bucketSeconds >= 3600
      ? `
        SELECT toStartOfInterval(hour, INTERVAL {bucket:UInt32} SECOND) AS start, action,
               sum(events) AS count
        FROM event_counts_hourly
        WHERE org_id = {org:String} AND hour >= toStartOfHour(now() - INTERVAL {hours:UInt32} HOUR)
        GROUP BY start, action
        ORDER BY start, action`
      : `
        SELECT toStartOfInterval(occurred_at, INTERVAL {bucket:UInt32} SECOND) AS start, action,
               uniqExact(event_id) AS count
        FROM events
        WHERE org_id = {org:String} AND occurred_at >= now64(3) - INTERVAL {hours:UInt32} HOUR
        GROUP BY start, action
        ORDER BY start, action`;
  const rows = await ch
    .query({
      query,
      query_params: { org: orgId, hours, bucket: bucketSeconds },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ start: string; action: string; count: string | number }>());
  return {
    bucketSeconds,
    buckets: rows
      .filter((r): r is typeof r & { action: ChartAction } =>
        (CHART_ACTIONS as readonly string[]).includes(r.action),
      )
      .map((r) => ({ start: toIso(r.start), action: r.action, count: Number(r.count) })),
  };
}

export async function eventsSummary(
  ch: ClickHouseClient,
  orgId: string,
  hours: number,
): Promise<{ total: number; byAction: Record<ChartAction, number> }> {
  // Exact over the range without reading it all raw: whole hours from the hourly aggregate, and
  // only the part of the first hour inside the range from raw events.
  const rows = await ch
    .query({
      query: `
        WITH toStartOfHour(now() - INTERVAL {hours:UInt32} HOUR) + INTERVAL 1 HOUR AS whole_hours
        SELECT action, sum(n) AS count FROM (
          SELECT action, sum(events) AS n FROM event_counts_hourly
          WHERE org_id = {org:String} AND hour >= whole_hours
          GROUP BY action
          UNION ALL
          SELECT action, uniqExact(event_id) AS n FROM events
          WHERE org_id = {org:String} AND occurred_at >= now64(3) - INTERVAL {hours:UInt32} HOUR
            AND occurred_at < whole_hours
          GROUP BY action
        )
        GROUP BY action`,
      query_params: { org: orgId, hours },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ action: string; count: string | number }>());
  const byAction: Record<ChartAction, number> = { ALLOW: 0, WARN: 0, MASK: 0, BLOCK: 0 };
  for (const r of rows) {
    if ((CHART_ACTIONS as readonly string[]).includes(r.action))
      byAction[r.action as ChartAction] = Number(r.count);
  }
  return { total: Object.values(byAction).reduce((a, b) => a + b, 0), byAction };
}
