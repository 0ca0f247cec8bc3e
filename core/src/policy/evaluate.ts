import type { DlpResult } from '../dlp/types.ts';
import type { Alert, CompiledPolicy, Decision, EvaluationInput, TraceStep } from './decision.ts';
import { describeMiss } from './explain.ts';
import { describeToolPass, toolShortCircuit } from './gates.ts';
import { licenseProblem } from './license.ts';
import { maskFired } from './masking.ts';
import { applies, policiesInOrder, skipReason } from './order.ts';
import { bySeverity, describeMatches, ruleReason } from './reasons.ts';
import { ruleMatchesContext, type RuleFired } from './rule-match.ts';
import { higherSeverity, severityAtLeast, strongerAction } from './severity.ts';
import type { Action, Severity } from './types.ts';

/** Used when no rule decided, so an org with no (active) policies is still protected. */
export function fallbackAction(severity: Severity | null): Action {
  if (severity === null) return 'ALLOW';
  if (severityAtLeast(severity, 'HIGH')) return 'BLOCK';
  return severity === 'MEDIUM' ? 'WARN' : 'ALLOW';
}

function fallbackReason(dlp: DlpResult, alertsOnly: boolean, action: Action): string {
  const lead = alertsOnly ? 'Only ALERT rules matched' : 'No policy rule matched';
  if (dlp.summary.maxSeverity === null) return `${lead}; no sensitive data found → ${action}`;
  return `${lead}; default for ${describeMatches(bySeverity(dlp.matches))} → ${action}`;
}

/** What the applicable policies' fired rules add up to. */
interface PolicyOutcome {
  /** Strongest non-ALERT action; null when no such rule fired. */
  action: Action | null;
  /** The highest `severity` of the rules that fired. */
  severity: Severity | null;
  reasons: string[];
  policyIds: string[];
  alerts: Alert[];
  /** The MASK rules that fired, for the masked prompt. */
  masks: RuleFired[];
}

function runPolicies(input: EvaluationInput, trace: TraceStep[] | undefined): PolicyOutcome {
  const { dlp, context: ctx } = input;
  const out: PolicyOutcome = {
    action: null,
    severity: null,
    reasons: [],
    policyIds: [],
    alerts: [],
    masks: [],
  };
  for (const policy of policiesInOrder(input.policies)) {
    let step: TraceStep | undefined;
    if (trace) {
      const skip = skipReason(policy, ctx.identity);
      step = policyStep(policy, skip);
      trace.push(step);
      if (skip !== null) continue;
    } else if (!applies(policy, ctx.identity)) continue;

    let fired = false;
    for (let r = 0; r < policy.rules.length; r++) {
      const rule = policy.rules[r]!;
      const match = ruleMatchesContext(rule, ctx, dlp);
      if (!match.fired) {
        trace?.push(ruleStep(policy, r, 'not-matched', describeMiss(rule, ctx, dlp, match.miss)));
        continue;
      }
      fired = true;
      const reason = ruleReason(policy.name, r + 1, match.detail, rule.action, rule.description);
      out.reasons.push(reason);
      out.severity = higherSeverity(out.severity, rule.severity ?? null);
      if (rule.action === 'ALERT') {
        // An alert needs a severity: the rule's, else its findings', else LOW.
        const severity = rule.severity ?? match.findingSeverity ?? 'LOW';
        out.alerts.push({ policyId: policy.id, policyName: policy.name, ruleId: rule.id, severity, reason });
      } else {
        out.action = out.action === null ? rule.action : strongerAction(out.action, rule.action);
        if (rule.action === 'MASK') out.masks.push(match);
      }
      trace?.push(ruleStep(policy, r, 'matched', match.detail));
    }
    if (fired) out.policyIds.push(policy.id);
    if (fired && step) step.outcome = 'matched';
  }
  return out;
}

const decided = (
  d: Omit<Decision, 'riskLevel' | 'trace'>,
  risk: Severity | null,
  trace: TraceStep[] | undefined,
): Decision => (trace ? { ...d, riskLevel: risk ?? 'NONE', trace } : { ...d, riskLevel: risk ?? 'NONE' });

/**
 * The decision for one prompt: license, then the tool, then the applicable policies (strongest
 * action wins, ALERT rules only notify), then the fallback. Pure and allocation-light: trace
 * text is built only when `input.trace` is set; reasons always, for the rules that fire.
 * The last trace step is the one that decided: a license or tool short-circuit, the fallback,
 * (when rules decided) a `policy` step without a policy id, or an unapproved tool's action when it
 * is stronger than theirs.
 */
export function evaluate(input: EvaluationInput): Decision {
  const { dlp, context: ctx } = input;
  const trace: TraceStep[] | undefined = input.trace ? [] : undefined;
  const dlpRisk = dlp.summary.maxSeverity;

  const problem = licenseProblem(input.license, input.now);
  if (problem !== null) {
    const reason = `${problem} → BLOCK`;
    trace?.push({ stage: 'license', outcome: 'decided', action: 'BLOCK', detail: reason });
    return decided({ action: 'BLOCK', reasons: [reason], policyIds: [], alerts: [] }, dlpRisk, trace);
  }
  trace?.push({
    stage: 'license',
    outcome: 'matched',
    detail: `License is valid until ${input.license.expiresAt}`,
  });

  const gate = toolShortCircuit(ctx.tool);
  // An unapproved tool people may still use (its action is not BLOCK) keeps DLP: its action is a
  // floor, and the policies decide above it, so a card is blocked there as on an approved tool.
  const floor = gate !== null && ctx.tool?.status === 'UNAPPROVED' && gate.action !== 'BLOCK' ? gate : null;
  if (gate !== null && floor === null) {
    trace?.push({ stage: 'tool', outcome: 'decided', action: gate.action, detail: gate.reason });
    const risk = higherSeverity(dlpRisk, gate.severity);
    return decided({ action: gate.action, reasons: [gate.reason], policyIds: [], alerts: [] }, risk, trace);
  }
  trace?.push({
    stage: 'tool',
    outcome: 'matched',
    detail: floor ? `${floor.reason} at least; policies still apply` : describeToolPass(ctx),
  });

  const outcome = runPolicies(input, trace);
  const { policyIds, alerts, masks } = outcome;
  const reasons = floor ? [floor.reason, ...outcome.reasons] : outcome.reasons;
  const risk = higherSeverity(higherSeverity(dlpRisk, outcome.severity), floor?.severity ?? null);
  let action: Action;
  if (outcome.action === null) {
    action = fallbackAction(dlpRisk);
    const reason = fallbackReason(dlp, alerts.length > 0, action);
    reasons.push(reason);
    trace?.push({ stage: 'fallback', outcome: 'decided', action, detail: reason });
  } else {
    action = outcome.action;
    trace?.push({
      stage: 'policy',
      outcome: 'decided',
      action,
      detail: `Strongest action of the matched rules: ${action} (risk ${risk ?? 'NONE'})`,
    });
  }
  if (floor && strongerAction(floor.action, action) !== action) {
    trace?.push({
      stage: 'tool',
      outcome: 'decided',
      action: floor.action,
      detail: `${floor.reason}, stronger than ${action}`,
    });
    action = floor.action;
  }
  const masked = action === 'MASK' ? maskFired(ctx.prompt, masks) : undefined;
  return decided({ action, reasons, policyIds, alerts, ...masked }, risk, trace);
}

/** A policy's trace step: skipped when it does not apply, else 'not-matched' until a rule fires. */
function policyStep(policy: CompiledPolicy, skip: string | null): TraceStep {
  const base = {
    stage: 'policy',
    policyId: policy.id,
    policyName: policy.name,
    scope: policy.scope,
  } as const;
  if (skip !== null) return { ...base, outcome: 'skipped', detail: skip };
  const target =
    policy.scope === 'ORG' ? 'everyone' : `${policy.scope.toLowerCase()} ${policy.scopeTargetId}`;
  return { ...base, outcome: 'not-matched', detail: `applies to ${target}, priority ${policy.priority}` };
}

function ruleStep(
  policy: CompiledPolicy,
  r: number,
  outcome: TraceStep['outcome'],
  detail: string,
): TraceStep {
  const rule = policy.rules[r]!;
  return {
    stage: 'rule',
    outcome,
    policyId: policy.id,
    policyName: policy.name,
    scope: policy.scope,
    ruleId: rule.id,
    ruleIndex: r + 1,
    kind: rule.kind,
    action: rule.action,
    detail,
  };
}
