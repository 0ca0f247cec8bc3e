/**
 * Builders for the policy engine's tests: a context, findings, rules and policies with sensible
 * defaults, so each table row states only what it is about.
 */
import { summarize } from '../dlp/summary.ts';
import type { DlpMatch, DlpResult } from '../dlp/types.ts';
import { compilePolicies, regExpCompiler } from './compile.ts';
import type {
  CompiledPolicy,
  CompiledRule,
  Decision,
  EvaluationContext,
  EvaluationInput,
} from './decision.ts';
import { evaluate } from './evaluate.ts';
import { estimateTokens } from './tokens.ts';
import type {
  LicenseState,
  Policy,
  PolicyRule,
  RuleAction,
  RuleCriteria,
  RuleKind,
  Severity,
} from './types.ts';

export const NOW = new Date('2026-11-22T10:00:00.000Z');
export const VALID: LicenseState = { status: 'ACTIVE', expiresAt: '2027-01-01T00:00:00.000Z' };

export function context(partial: Partial<EvaluationContext> = {}): EvaluationContext {
  const prompt = partial.prompt ?? 'hello';
  return {
    prompt,
    host: 'chatgpt.com',
    toolId: 'chatgpt',
    tool: null,
    identity: { email: 'ana@example.com', identityId: 'id-ana', teamId: 'team-eng' },
    promptTokens: estimateTokens(prompt),
    metadata: {},
    ...partial,
  };
}

export function finding(
  detector: string,
  severity: Severity,
  start = 0,
  end = start + 5,
  target: DlpMatch['target'] = 'prompt',
): DlpMatch {
  return {
    detector,
    ruleId: detector.toLowerCase(),
    severity,
    start,
    end,
    snippet: `[${detector}]`,
    confidence: 1,
    target,
  };
}

export const dlpOf = (...matches: DlpMatch[]): DlpResult => ({ matches, summary: summarize(matches) });

let ruleSeq = 0;
export function rule(
  kind: RuleKind,
  action: RuleAction,
  criteria: RuleCriteria,
  extra: Partial<PolicyRule> = {},
): PolicyRule {
  return { id: `r${++ruleSeq}`, kind, action, criteria, ...extra };
}

export function policy(id: string, rules: PolicyRule[], extra: Partial<Policy> = {}): Policy {
  return {
    id,
    name: `Policy ${id}`,
    description: '',
    type: 'DLP',
    status: 'ACTIVE',
    scope: 'ORG',
    scopeTargetId: null,
    priority: 10,
    isDefault: false,
    rules,
    ...extra,
  };
}

/** One rule compiled as a policy's only rule (native RegExp). */
export const compileRule = (r: PolicyRule): CompiledRule =>
  compilePolicies([policy('p', [r])], regExpCompiler)[0]!.rules[0]!;

export const compiled = (...policies: Policy[]): CompiledPolicy[] =>
  compilePolicies(policies, regExpCompiler);

export interface RunInput extends Partial<Omit<EvaluationInput, 'context' | 'policies'>> {
  policies?: Policy[];
  context?: Partial<EvaluationContext>;
}

export const run = ({ policies = [], context: ctx, ...rest }: RunInput = {}): Decision =>
  evaluate({
    now: NOW,
    license: VALID,
    dlp: dlpOf(),
    ...rest,
    policies: compiled(...policies),
    context: context(ctx),
  });
