import type { MetadataCondition, PolicyRule } from './types.ts';

/** An empty list constrains nothing, so it counts as absent (the console may send `[]`). */
export const present = <T>(list: readonly T[] | undefined): list is readonly T[] =>
  list !== undefined && list.length > 0;

/** Why a condition is malformed, or null: equals/notEquals/matches need a string, `in` a list. */
export function conditionProblem(c: MetadataCondition): string | null {
  if (c.op === 'exists') return null;
  if (c.op === 'in') return Array.isArray(c.value) ? null : `metadata "${c.key}" in needs a list of values`;
  return typeof c.value === 'string' ? null : `metadata "${c.key}" ${c.op} needs a string value`;
}

/**
 * Why a rule can never fire because its kind's required criteria are missing (or a metadata
 * condition is malformed), or null when it is well-formed. The API rejects such rules on write;
 * the engine still guards against them so a bad row cannot match everything.
 */
export function criteriaProblem(rule: PolicyRule): string | null {
  const c = rule.criteria;
  if (present(c.metadata)) {
    for (const m of c.metadata) {
      const problem = conditionProblem(m);
      if (problem !== null) return problem;
    }
  }
  switch (rule.kind) {
    case 'DLP':
      return c.minSeverity !== undefined || present(c.detectors) || c.regex !== undefined
        ? null
        : 'a DLP rule needs minSeverity, detectors or regex';
    case 'ALLOW_TOOLS':
    case 'DENY_TOOLS':
      return present(c.tools) ? null : `a ${rule.kind} rule needs tools`;
    case 'DOMAIN_RESTRICTION':
      return present(c.domains) ? null : 'a DOMAIN_RESTRICTION rule needs domains';
    case 'TOKEN_LIMIT':
      return typeof c.maxTokens === 'number' && c.maxTokens >= 0
        ? null
        : 'a TOKEN_LIMIT rule needs maxTokens';
    case 'OTHER':
      return c.regex !== undefined || present(c.inputTypes) || present(c.models) || present(c.metadata)
        ? null
        : 'an OTHER rule needs regex, inputTypes, models or metadata';
  }
}
