import type { Action, RiskLevel, Severity } from './api/types.ts';

/** One colour per action, used by the chart, counters, badges and legend alike. */
export const ACTION_COLORS: Record<Action, string> = {
  ALLOW: '#2f9e44',
  WARN: '#e8a100',
  MASK: '#1c7ed6',
  BLOCK: '#e03131',
};

export const ACTION_LABELS: Record<Action, string> = {
  ALLOW: 'Allowed',
  WARN: 'Warned',
  MASK: 'Masked',
  BLOCK: 'Blocked',
};

/** Chart colours of finding severities (the badges use the --sev-* CSS variables). */
export const SEVERITY_COLORS: Record<Severity, string> = {
  LOW: '#4b6cb7',
  MEDIUM: '#e8a100',
  HIGH: '#f76707',
  CRITICAL: '#c92a2a',
};

export const RISK_LABELS: Record<RiskLevel, string> = {
  NONE: 'None',
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  CRITICAL: 'Critical',
};

export const RANGES = [
  { key: '1h', label: '1h', hours: 1 },
  { key: '24h', label: '24h', hours: 24 },
  { key: '7d', label: '7d', hours: 168 },
  { key: '30d', label: '30d', hours: 720 },
] as const;

export type RangeKey = (typeof RANGES)[number]['key'];
export const DEFAULT_RANGE: RangeKey = '24h';

export function parseRange(
  value: string | null,
  fallback: RangeKey = DEFAULT_RANGE,
): (typeof RANGES)[number] {
  return RANGES.find((r) => r.key === value) ?? RANGES.find((r) => r.key === fallback)!;
}

export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat().format(n);
}
