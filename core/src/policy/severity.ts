import { ACTIONS, SEVERITIES, type Action, type Severity } from './types.ts';

/** LOW = 0 … CRITICAL = 3; the order of SEVERITIES is the order of risk. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function severityAtLeast(severity: Severity, min: Severity): boolean {
  return severityRank(severity) >= severityRank(min);
}

export function maxSeverity(severities: Iterable<Severity>): Severity | null {
  let max: Severity | null = null;
  for (const s of severities) if (max === null || severityRank(s) > severityRank(max)) max = s;
  return max;
}

/** ALLOW < WARN < MASK < BLOCK, the order of ACTIONS. */
export function strongerAction(a: Action, b: Action): Action {
  return ACTIONS.indexOf(a) >= ACTIONS.indexOf(b) ? a : b;
}

/** The higher of two severities where null means none. */
export function higherSeverity(a: Severity | null, b: Severity | null): Severity | null {
  if (a === null) return b;
  if (b === null) return a;
  return severityRank(b) > severityRank(a) ? b : a;
}
