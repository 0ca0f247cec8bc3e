import type { CompiledPolicy, Policy } from '@kairro/core';

/** A rule simulation cannot evaluate because what it looks at was never stored. */
export interface NotSimulated {
  policyId: string;
  policyName: string;
  /** 1-based, as in reasons and the trace. */
  ruleIndex: number;
  reason: string;
}

/**
 * What an admin compares: the org's active policies as they are (baseline), and the same set with
 * the simulated policy active (candidate), in place of its saved version when it has one. Both are
 * ordered by priority then name, as the org's config loads them once the policy is saved.
 */
export function policySets(
  saved: readonly Policy[],
  simulated: Policy,
): { baseline: Policy[]; candidate: Policy[] } {
  const order = (a: Policy, b: Policy) => a.priority - b.priority || a.name.localeCompare(b.name);
  const baseline = saved.filter((p) => p.status === 'ACTIVE').sort(order);
  const candidate = [
    ...baseline.filter((p) => p.id !== simulated.id),
    { ...simulated, status: 'ACTIVE' as const },
  ].sort(order);
  return { baseline, candidate };
}

/** Why a rule needs data events do not keep, or null when stored events are enough. */
export function unsimulatableReason(rule: Policy['rules'][number]): string | null {
  const c = rule.criteria;
  if (c.regex !== undefined) {
    const what =
      c.regex.target === 'prompt'
        ? 'the prompt text'
        : c.regex.target === 'completion'
          ? 'the AI’s reply'
          : 'the prompt text and the AI’s reply';
    return `its regex needs ${what}, which events never store; treated as not firing`;
  }
  if (c.metadata !== undefined && c.metadata.length > 0)
    return 'its metadata conditions need the context the extension sent, which events do not store; treated as not firing';
  return null;
}

/** Every rule of these policies that simulation treats as not firing, with why. */
export function unsimulatableRules(policies: readonly Policy[]): NotSimulated[] {
  const out: NotSimulated[] = [];
  const seen = new Set<string>();
  for (const policy of policies) {
    for (const [i, rule] of policy.rules.entries()) {
      const reason = unsimulatableReason(rule);
      const key = `${policy.id}\u0000${i}`;
      if (reason === null || seen.has(key)) continue;
      seen.add(key);
      out.push({ policyId: policy.id, policyName: policy.name, ruleIndex: i + 1, reason });
    }
  }
  return out;
}

/**
 * The compiled policies with every unsimulatable rule made inert. The rule stays in place so the
 * reasons keep their rule numbers; a `patternError` is the engine's own "never fires" mark.
 */
export function withoutUnsimulatable(policies: readonly CompiledPolicy[]): CompiledPolicy[] {
  return policies.map((policy) => {
    if (!policy.rules.some((r) => unsimulatableReason(r) !== null)) return policy;
    return {
      ...policy,
      rules: policy.rules.map((rule) =>
        unsimulatableReason(rule) === null
          ? rule
          : { ...rule, patternError: 'not simulated: the data it needs is not stored' },
      ),
    };
  });
}

/** The distinct `maxTokens` of the TOKEN_LIMIT rules: events only differ by which ones they pass. */
export function tokenThresholds(policies: readonly Policy[]): number[] {
  const limits = new Set<number>();
  for (const p of policies)
    for (const r of p.rules)
      if (r.kind === 'TOKEN_LIMIT' && typeof r.criteria.maxTokens === 'number')
        limits.add(r.criteria.maxTokens);
  return [...limits].sort((a, b) => a - b);
}
