import type { ClickHouseClient } from '@clickhouse/client';
import { chTime, toIsoMs, type TimeRange } from './range.ts';

/**
 * DLP analytics, read from the hourly aggregates (`dlp_hourly`, `event_counts_hourly`) that materialized
 * views fill at insert time: a dashboard never scans the raw tables.
 */

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
type SeverityCounts = Record<(typeof SEVERITIES)[number], number>;

export interface DlpOverview {
  from: string;
  to: string;
  totalFindings: number;
  bySeverity: SeverityCounts;
  byDetector: Array<{ detector: string; findings: number; blocked: number; warned: number }>;
  topPatterns: Array<{ detector: string; ruleId: string; severity: string; findings: number }>;
  highOrCriticalLast7Days: { findings: number; events: number };
  ratios: {
    events: number;
    flagged: number;
    blocked: number;
    warned: number;
    blockRate: number;
    warnRate: number;
  };
}

const hourRange = (orgId: string, range: TimeRange) => ({
  where: "org_id = {org:String} AND hour >= {from:DateTime('UTC')} AND hour < {to:DateTime('UTC')}",
  params: { org: orgId, from: chTime(range.from).slice(0, 19), to: chTime(range.to).slice(0, 19) },
});

export async function dlpOverview(
  ch: ClickHouseClient,
  orgId: string,
  range: TimeRange,
  opts: { top: number; now: Date },
): Promise<DlpOverview> {
  const r = hourRange(orgId, range);
  const json = <T>(query: string, params: Record<string, unknown> = r.params) =>
    ch.query({ query, query_params: params, format: 'JSONEachRow' }).then((res) => res.json<T>());

  const week = {
    from: chTime(new Date(opts.now.getTime() - 7 * 24 * 3_600_000)).slice(0, 19),
    to: chTime(new Date(opts.now.getTime() + 3_600_000)).slice(0, 19),
  };
  const inWeek =
    "org_id = {org:String} AND hour >= {week_from:DateTime('UTC')} AND hour < {week_to:DateTime('UTC')}";
  // The single-row figures in one query: chDB runs one query at a time, so each saved round trip
  // shortens a dashboard whose requests queue.
  const [totals] = await json<Record<string, string>>(
    `
    SELECT *
    FROM (SELECT ${SEVERITIES.map((s) => `sumIf(matches, severity = '${s}') AS sev_${s}`).join(', ')}
          FROM dlp_hourly WHERE ${r.where}) AS f
    CROSS JOIN (SELECT sumIf(events, action = 'BLOCK') AS blocked, sumIf(events, action = 'WARN') AS warned,
                       sum(flagged) AS flagged_sum, sum(events) AS events_sum
                FROM event_counts_hourly WHERE ${r.where}) AS e
    CROSS JOIN (SELECT sum(matches) AS high_findings FROM dlp_hourly
                WHERE ${inWeek} AND severity IN ('HIGH', 'CRITICAL')) AS wf
    CROSS JOIN (SELECT sum(events) AS high_events FROM event_counts_hourly
                WHERE ${inWeek} AND risk_level IN ('HIGH', 'CRITICAL')) AS we`,
    { ...r.params, week_from: week.from, week_to: week.to },
  );
  const detectors = await json<{ detector: string; findings: string; blocked: string; warned: string }>(`
    SELECT detector, sum(matches) AS findings, sumIf(matches, action = 'BLOCK') AS blocked,
           sumIf(matches, action = 'WARN') AS warned
    FROM dlp_hourly WHERE ${r.where}
    GROUP BY detector ORDER BY findings DESC, detector LIMIT 100`);
  const patterns = await json<{ detector: string; rule_id: string; rule_severity: string; findings: string }>(
    `SELECT detector, rule_id, any(severity) AS rule_severity, sum(matches) AS findings
     FROM dlp_hourly WHERE ${r.where}
     GROUP BY detector, rule_id ORDER BY findings DESC, detector, rule_id LIMIT {top:UInt8}`,
    { ...r.params, top: opts.top },
  );

  const bySeverity: SeverityCounts = { LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 };
  for (const s of SEVERITIES) bySeverity[s] = Number(totals?.[`sev_${s}`] ?? 0);
  const events = Number(totals?.events_sum ?? 0);
  const blocked = Number(totals?.blocked ?? 0);
  const warned = Number(totals?.warned ?? 0);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    totalFindings: Object.values(bySeverity).reduce((a, b) => a + b, 0),
    bySeverity,
    byDetector: detectors.map((d) => ({
      detector: d.detector,
      findings: Number(d.findings),
      blocked: Number(d.blocked),
      warned: Number(d.warned),
    })),
    topPatterns: patterns.map((p) => ({
      detector: p.detector,
      ruleId: p.rule_id,
      severity: p.rule_severity,
      findings: Number(p.findings),
    })),
    highOrCriticalLast7Days: {
      findings: Number(totals?.high_findings ?? 0),
      events: Number(totals?.high_events ?? 0),
    },
    ratios: {
      events,
      flagged: Number(totals?.flagged_sum ?? 0),
      blocked,
      warned,
      blockRate: events ? blocked / events : 0,
      warnRate: events ? warned / events : 0,
    },
  };
}

export type Bucket = 'hour' | 'day';

/** Findings per bucket and severity (sparse: a missing bucket has none). */
export async function dlpTrend(
  ch: ClickHouseClient,
  orgId: string,
  range: TimeRange,
  opts: { bucket: Bucket; detector?: string | undefined; severity?: string | undefined },
): Promise<{
  from: string;
  to: string;
  bucket: Bucket;
  points: Array<{ start: string; severity: string; findings: number }>;
}> {
  const r = hourRange(orgId, range);
  const rows = await ch
    .query({
      query: `
        SELECT ${opts.bucket === 'day' ? 'toStartOfDay(hour)' : 'hour'} AS start, severity,
               sum(matches) AS findings
        FROM dlp_hourly
        WHERE ${r.where}
          ${opts.detector ? 'AND detector = {detector:String}' : ''}
          ${opts.severity ? 'AND severity = {severity:String}' : ''}
        GROUP BY start, severity
        ORDER BY start, severity`,
      query_params: { ...r.params, detector: opts.detector ?? '', severity: opts.severity ?? '' },
      format: 'JSONEachRow',
    })
    .then((res) => res.json<{ start: string; severity: string; findings: string }>());
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    bucket: opts.bucket,
    points: rows.map((p) => ({
      start: toIsoMs(p.start),
      severity: p.severity,
      findings: Number(p.findings),
    })),
  };
}
