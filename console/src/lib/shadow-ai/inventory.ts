// Pure shaping of the Shadow AI inventory: usage rows joined with the org's view of the catalog,
// the page's filters, and the rows of its two charts.
import type { InventoryRow, ShadowTool, ToolDecision, TrendDay } from '../api/shadow-ai.ts';
import { RISK_LABELS, SEVERITY_COLORS } from '../actions.ts';
import type { Action, Severity } from '../api/types.ts';
import type { BarSeries, RankedRow } from '../charts/ranked.ts';

export type ToolStatus = 'approved' | 'unapproved' | 'unreviewed';
export const TOOL_STATUSES: readonly ToolStatus[] = ['approved', 'unapproved', 'unreviewed'];

/** What the org decided about a tool, as the pages show it. */
export interface StatusView {
  status: ToolStatus;
  /** The least that happens on an unapproved tool. */
  action: Action | null;
  label: string;
}

export function statusOf(decision: ToolDecision | null | undefined): StatusView {
  if (!decision) return { status: 'unreviewed', action: null, label: 'Unreviewed' };
  if (decision.status === 'APPROVED')
    return {
      status: 'approved',
      action: null,
      label: decision.applyPolicies ? 'Approved' : 'Approved (trusted)',
    };
  return { status: 'unapproved', action: decision.action, label: `Unapproved: ${decision.action}` };
}

/** One row of the inventory table: what was seen, and what the tool is. */
export interface InventoryTableRow extends InventoryRow {
  name: string;
  vendor: string;
  /** '' when the tool is not in the catalog nor the org's (a discovered host). */
  category: string;
  risk: { score: number; level: Severity } | null;
  status: StatusView;
  /** False for a host seen in use that is neither in the catalog nor one of the org's tools. */
  known: boolean;
}

/** Usage rows joined with the tools by id, most events first (then by name). */
export function joinInventory(
  rows: readonly InventoryRow[],
  tools: readonly ShadowTool[],
): InventoryTableRow[] {
  const byId = new Map(tools.map((t) => [t.id, t]));
  return rows
    .map((row) => {
      const tool = byId.get(row.tool);
      return {
        ...row,
        name: tool?.name ?? row.tool,
        vendor: tool?.vendor ?? '',
        category: tool?.category ?? row.category,
        risk: tool ? { score: tool.risk.score, level: tool.risk.level } : null,
        status: statusOf(tool?.decision),
        known: tool !== undefined,
      };
    })
    .sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
}

export interface InventoryFilters {
  category: string | null;
  status: ToolStatus | null;
}

export function parseStatus(value: string | null): ToolStatus | null {
  return TOOL_STATUSES.find((s) => s === value) ?? null;
}

/** The inventory page's query string: range and filters, so a view can be shared. */
export function inventoryQuery(range: string, { category, status }: InventoryFilters): string {
  const parts = [`range=${encodeURIComponent(range)}`];
  if (category) parts.push(`category=${encodeURIComponent(category)}`);
  if (status) parts.push(`status=${status}`);
  return parts.join('&');
}

export const RISK_ORDER: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
export const UNRATED = 'UNRATED';
const RISK_KEYS = [...RISK_ORDER, UNRATED];

/** One series per risk level (and unrated hosts), so each bar takes its level's colour. */
export const RISK_SERIES: BarSeries[] = RISK_KEYS.map((key) => ({
  key,
  label: key === UNRATED ? 'Unrated' : RISK_LABELS[key as Severity],
  color: key === UNRATED ? '#adb5bd' : SEVERITY_COLORS[key as Severity],
}));

/** Tools per risk level, worst first, then the hosts with no rating: one bar per level. */
export function riskDistribution(rows: readonly InventoryTableRow[]): RankedRow[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = r.risk?.level ?? UNRATED;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return RISK_SERIES.map(({ key, label }) => ({
    label,
    ...Object.fromEntries(RISK_KEYS.map((k) => [k, k === key ? (counts.get(k) ?? 0) : 0])),
  }));
}

export interface TrendRow {
  day: Date;
  events: number;
  users: number;
  blocked: number;
  warned: number;
}

const DAY_MS = 86_400_000;

/** The API's day (`YYYY-MM-DD` or an ISO time) as the UTC midnight it starts at; NaN if unreadable. */
export function dayStart(day: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);
  return Number.isNaN(ms) ? NaN : Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * One row per UTC day from the first day of the range (`hours` before `nowMs`) to today, zero for
 * the days the API left out; days it returns outside the range widen it rather than vanish.
 */
export function fillDays(trend: readonly TrendDay[], hours: number, nowMs: number = Date.now()): TrendRow[] {
  let last = Math.floor(nowMs / DAY_MS) * DAY_MS;
  let first = Math.floor((nowMs - hours * 3_600_000) / DAY_MS) * DAY_MS;
  const byDay = new Map<number, TrendRow>();
  for (const t of trend) {
    const start = dayStart(t.day);
    if (Number.isNaN(start)) continue;
    first = Math.min(first, start);
    last = Math.max(last, start);
    const row = byDay.get(start) ?? { day: new Date(start), events: 0, users: 0, blocked: 0, warned: 0 };
    row.events += t.events;
    row.users = Math.max(row.users, t.users);
    row.blocked += t.blocked ?? 0;
    row.warned += t.warned ?? 0;
    byDay.set(start, row);
  }
  const rows: TrendRow[] = [];
  for (let d = first; d <= last; d += DAY_MS)
    rows.push(byDay.get(d) ?? { day: new Date(d), events: 0, users: 0, blocked: 0, warned: 0 });
  return rows;
}
