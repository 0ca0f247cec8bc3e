// Pure shaping of analytics answers into the rows of a ranked (horizontal) bar chart.
import { ACTION_COLORS, SEVERITY_COLORS } from '../actions.ts';
import { SEVERITIES, type BreakdownRow, type DlpOverview } from '../api/types.ts';

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

/** One bar: its label and a number per series key. */
export type RankedRow = { label: string } & Record<string, number | string>;

/** Blocked, warned and the rest of the events, for "at risk" rankings. */
export const OUTCOME_SERIES: BarSeries[] = [
  { key: 'blocked', label: 'Blocked', color: ACTION_COLORS.BLOCK },
  { key: 'warned', label: 'Warned', color: ACTION_COLORS.WARN },
  { key: 'other', label: 'Other events', color: '#c5cedb' },
];

/** One series per severity; with `severityBars` rows each bar takes its own severity's colour. */
export const SEVERITY_SERIES: BarSeries[] = SEVERITIES.map((s) => ({
  key: s,
  label: s,
  color: SEVERITY_COLORS[s],
}));

export const FINDINGS_SERIES: BarSeries[] = [{ key: 'findings', label: 'Findings', color: '#5c7cfa' }];

/** Breakdown rows (users, tools, teams) → blocked / warned / other events per key, at most `limit`. */
export function outcomeRows(rows: readonly BreakdownRow[], limit = 10): RankedRow[] {
  return rows.slice(0, limit).map((r) => ({
    label: r.key || '(unknown)',
    blocked: r.blocked,
    warned: r.warned,
    other: Math.max(0, r.events - r.blocked - r.warned),
  }));
}

/** Only the rows with something blocked or warned: who is "at risk". */
export function atRisk(rows: readonly BreakdownRow[]): BreakdownRow[] {
  return rows.filter((r) => r.blocked + r.warned > 0);
}

/** The detectors with the most findings, most first, at most `limit`. */
export function detectorRows(byDetector: DlpOverview['byDetector'], limit = 10): RankedRow[] {
  return [...byDetector]
    .sort((a, b) => b.findings - a.findings || a.detector.localeCompare(b.detector))
    .slice(0, limit)
    .map((d) => ({ label: d.detector, findings: d.findings }));
}
