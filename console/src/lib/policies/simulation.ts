// Shaping a simulation answer for its chart and summary.
import { ACTION_COLORS } from '../actions.ts';
import type { SimulationResult, SimulationTransition } from '../api/policy-types.ts';
import { ACTIONS } from '../api/types.ts';
import type { BarSeries, RankedRow } from '../charts/ranked.ts';

export const SIMULATION_DAYS = [
  { key: '1', label: '1 day', days: 1 },
  { key: '7', label: '7 days', days: 7 },
  { key: '30', label: '30 days', days: 30 },
] as const;

/** One series per action: each transition's bar takes the colour of the action it moves to. */
export const TRANSITION_SERIES: BarSeries[] = ACTIONS.map((a) => ({
  key: a,
  label: a,
  color: ACTION_COLORS[a],
}));

export function transitionLabel(t: Pick<SimulationTransition, 'from' | 'to'>): string {
  return `${t.from} → ${t.to}`;
}

/** Biggest first (as the API answers), one bar per transition; the other series are zero. */
export function transitionRows(transitions: readonly SimulationTransition[]): RankedRow[] {
  return transitions.map((t) => ({
    label: transitionLabel(t),
    ...Object.fromEntries(ACTIONS.map((a) => [a, a === t.to ? t.events : 0])),
  }));
}

/** "3 of 120 events (2.5%) would change" and friends. */
export function simulationHeadline(r: Pick<SimulationResult, 'events' | 'changed' | 'days'>): string {
  const span = r.days === 1 ? 'the last day' : `the last ${r.days} days`;
  if (r.events === 0) return `No events in ${span} to simulate.`;
  if (r.changed === 0) return `None of ${r.events} events in ${span} would change.`;
  const share = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
    r.changed / r.events,
  );
  return `${r.changed} of ${r.events} events in ${span} (${share}) would change.`;
}

/** Events that move away from ALLOW to a stronger action: the number admins ask about first. */
export function newlyRestricted(transitions: readonly SimulationTransition[]): number {
  return transitions.filter((t) => t.from === 'ALLOW' && t.to !== 'ALLOW').reduce((n, t) => n + t.events, 0);
}
