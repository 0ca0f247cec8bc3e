import type { Policy } from '@kairro/core';
import { ApiError } from '@kairro/http';
import type { OrgConfig, PolicyInput, Sql } from '@kairro/postgres';
import { checkScopeTarget, loadValidationContext, validatePolicy } from '../policies/validate.ts';
import type { PolicyCreateBody } from '../routes/policy-schemas.ts';

/** The id an unsaved policy carries in reasons and traces. */
export const UNSAVED_POLICY_ID = 'unsaved';

/** What a create would set for the fields the body leaves out. */
const CREATE_DEFAULTS = {
  description: '',
  status: 'ACTIVE',
  scope: 'ORG',
  scopeTargetId: null,
  priority: 100,
  rules: [],
} as const satisfies Partial<PolicyInput>;

/**
 * The policy an admin wants to try: a saved one of the org (any status) by id, an unsaved body
 * (checked exactly as a create or update would be: 400 on what a write would refuse), or both,
 * meaning unsaved edits of the saved one. 404 for an id that is not the org's.
 */
export async function policyToTry(
  sql: Sql,
  config: Pick<OrgConfig, 'orgId' | 'policies'>,
  req: { policyId?: string | undefined; policy?: PolicyCreateBody | undefined },
): Promise<Policy> {
  const saved = req.policyId === undefined ? undefined : config.policies.find((p) => p.id === req.policyId);
  if (req.policyId !== undefined && saved === undefined)
    throw new ApiError('NOT_FOUND', `No policy ${req.policyId} in your organisation.`);
  if (req.policy === undefined) {
    if (saved === undefined) throw new ApiError('VALIDATION_FAILED', 'Pass a policy id or a policy body.');
    return saved;
  }
  const input = validatePolicy(
    { ...CREATE_DEFAULTS, ...req.policy, rules: req.policy.rules ?? [] } as PolicyInput,
    await loadValidationContext(sql, config.orgId),
  );
  await checkScopeTarget(sql, config.orgId, input.name, input.scope, input.scopeTargetId);
  return {
    ...input,
    id: saved?.id ?? UNSAVED_POLICY_ID,
    isDefault: saved?.isDefault ?? false,
    rules: input.rules.map((rule, i) => ({ ...rule, id: rule.id ?? `${UNSAVED_POLICY_ID}-rule-${i + 1}` })),
  };
}
