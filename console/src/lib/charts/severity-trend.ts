// Pure shaping of `GET /v1/admin/analytics/dlp/trend` (sparse bucket/severity points) into one row
// per bucket with every severity, for a stacked bar chart.
import { SEVERITIES, type DlpTrend, type Severity } from '../api/types.ts';

export interface SeverityRow {
  start: Date;
  LOW: number;
  MEDIUM: number;
  HIGH: number;
  CRITICAL: number;
  total: number;
}

const STEP_MS = { hour: 3_600_000, day: 86_400_000 } as const;

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

function emptyRow(ms: number): SeverityRow {
  return { start: new Date(ms), LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0, total: 0 };
}

/**
 * Every bucket from the answer's `from` to `to` (exclusive; buckets are UTC hours or days), with
 * zeros where the API sent nothing. Points outside the range widen it rather than being dropped.
 */
export function fillSeverityTrend(trend: DlpTrend): SeverityRow[] {
  const step = STEP_MS[trend.bucket] ?? STEP_MS.hour;
  const align = (ms: number) => Math.floor(ms / step) * step;
  const fromMs = Date.parse(trend.from);
  const toMs = Date.parse(trend.to);
  const rows = new Map<number, SeverityRow>();
  let first = Number.isNaN(fromMs) ? Infinity : align(fromMs);
  let last = Number.isNaN(toMs) ? -Infinity : align(toMs - 1);
  for (const point of trend.points) {
    const ms = Date.parse(point.start);
    if (Number.isNaN(ms) || !isSeverity(point.severity)) continue;
    const key = align(ms);
    first = Math.min(first, key);
    last = Math.max(last, key);
    const row = rows.get(key) ?? emptyRow(key);
    row[point.severity] += point.findings;
    row.total += point.findings;
    rows.set(key, row);
  }
  const out: SeverityRow[] = [];
  if (!Number.isFinite(first) || !Number.isFinite(last)) return out;
  for (let t = first; t <= last; t += step) out.push(rows.get(t) ?? emptyRow(t));
  return out;
}

/** Rows of a bar chart with one bar per severity, each bar coloured as its severity. */
export function severityBars(
  bySeverity: Record<Severity, number>,
): Array<{ label: Severity } & Record<Severity, number>> {
  return [...SEVERITIES].reverse().map((label) => ({
    label,
    LOW: 0,
    MEDIUM: 0,
    HIGH: 0,
    CRITICAL: 0,
    [label]: bySeverity[label] ?? 0,
  }));
}

/** Trend bucket that keeps a range readable: hourly up to 7 days, daily beyond. */
export function trendBucketFor(hours: number): 'hour' | 'day' {
  return hours > 168 ? 'day' : 'hour';
}
