import type { DlpMatch, DlpResult } from '../dlp/types.ts';
import type { RiskLevel } from '../records/types.ts';
import { licenseProblem } from './license.ts';
import { describeMatches } from './reasons.ts';
import { severityAtLeast, severityRank, strongerAction } from './severity.ts';
import type { Action, LicenseState, Policy, Severity } from './types.ts';

export interface EvaluationInput {
  now: Date;
  license: LicenseState;
  policies: readonly Policy[];
  dlp: DlpResult;
}

export interface Decision {
  action: Action;
  riskLevel: RiskLevel;
  /** Human-readable, one per license problem, matched rule or fallback; never a raw value. */
  reasons: string[];
  /** Policies with at least one matching rule, in evaluation order. */
  policyIds: string[];
}

/** Used when no rule matched, so an org with no (active) policies is still protected. */
function fallbackAction(severity: Severity | null): Action {
  if (severity === null) return 'ALLOW';
  if (severityAtLeast(severity, 'HIGH')) return 'BLOCK';
  return severity === 'MEDIUM' ? 'WARN' : 'ALLOW';
}

const matchesAtLeast = (matches: readonly DlpMatch[], min: Severity): DlpMatch[] =>
  matches.filter((m) => severityAtLeast(m.severity, min));

/** Highest severity first so the reason names the findings that drove the decision. */
const bySeverity = (matches: readonly DlpMatch[]): DlpMatch[] =>
  [...matches].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.start - b.start);

export function evaluate(input: EvaluationInput): Decision {
  const { dlp } = input;
  const max = dlp.summary.maxSeverity;
  const riskLevel: RiskLevel = max ?? 'NONE';

  const problem = licenseProblem(input.license, input.now);
  if (problem) return { action: 'BLOCK', riskLevel, reasons: [`${problem} → BLOCK`], policyIds: [] };

  const active = input.policies
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.status === 'ACTIVE')
    .sort((a, b) => a.p.priority - b.p.priority || a.i - b.i)
    .map(({ p }) => p);

  let action: Action | null = null;
  const reasons: string[] = [];
  const policyIds: string[] = [];
  for (const policy of active) {
    for (const [r, rule] of policy.rules.entries()) {
      if (max === null || !severityAtLeast(max, rule.minSeverity)) continue;
      const found = describeMatches(bySeverity(matchesAtLeast(dlp.matches, rule.minSeverity)));
      reasons.push(`Policy "${policy.name}" rule ${r + 1}: ${found} ≥ ${rule.minSeverity} → ${rule.action}`);
      if (!policyIds.includes(policy.id)) policyIds.push(policy.id);
      action = action === null ? rule.action : strongerAction(action, rule.action);
    }
  }
  if (action !== null) return { action, riskLevel, reasons, policyIds };

  const fallback = fallbackAction(max);
  const why =
    max === null
      ? 'No sensitive data found'
      : `No policy rule matched; default for ${describeMatches(bySeverity(dlp.matches))}`;
  return { action: fallback, riskLevel, reasons: [`${why} → ${fallback}`], policyIds: [] };
}
