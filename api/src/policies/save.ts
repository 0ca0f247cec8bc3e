import { ApiError } from '@kairro/http';
import {
  DuplicatePolicyNameError,
  getPolicy,
  insertPolicy,
  updatePolicy,
  type AuditChange,
  type PolicyInput,
  type SessionUser,
  type Sql,
} from '@kairro/postgres';
import type { PolicyView } from '../routes/policy-schemas.ts';
import { audit } from './audit.ts';
import { describePolicyChange } from './describe.ts';
import { checkScopeTarget, validatePolicy, type ValidationContext } from './validate.ts';
import { policyView, snapshot, type PolicySnapshot } from './view.ts';

export interface SaveResult {
  view: PolicyView | null;
  result: 'created' | 'updated' | 'unchanged';
  description: string;
}

/**
 * Validates and writes one policy (a create when `existing` is undefined), with its audit entry,
 * inside the caller's transaction. An update that changes nothing writes nothing. With `dryRun`
 * it validates and describes only.
 */
export async function savePolicy(
  tx: Sql,
  user: SessionUser,
  ctx: ValidationContext,
  existing: PolicyView | undefined,
  raw: PolicyInput,
  opts: { change: AuditChange; dryRun?: boolean },
): Promise<SaveResult> {
  const input = validatePolicy(raw, ctx);
  const targetName = await checkScopeTarget(tx, user.orgId, input.name, input.scope, input.scopeTargetId);
  const before = existing ? snapshot(existing) : null;
  const candidate: PolicySnapshot = {
    ...input,
    id: existing?.id ?? '',
    isDefault: existing?.isDefault ?? false,
    scopeTargetName: targetName,
    rules: input.rules.map((r) => ({ ...r, id: r.id ?? '', description: r.description ?? '' })),
  };
  const description = describePolicyChange(before, candidate);
  if (existing && description === null)
    return { view: existing, result: 'unchanged', description: 'No change' };
  const result = existing ? 'updated' : 'created';
  const suffix = opts.change === 'import' ? ' (import)' : '';
  if (opts.dryRun) return { view: null, result, description: `${description}${suffix}` };

  const id = await conflictAsApiError(async () => {
    if (!existing) return insertPolicy(tx, user.orgId, input);
    if (!(await updatePolicy(tx, user.orgId, existing.id, input)))
      throw new ApiError('NOT_FOUND', `No policy ${existing.id} in your organisation.`);
    return existing.id;
  });
  const view = policyView((await getPolicy(tx, user.orgId, id))!, targetName);
  await audit(tx, user, {
    entityType: 'policy',
    entityId: id,
    entityName: view.name,
    change: opts.change,
    description: `${description}${suffix}`,
    before,
    after: snapshot(view),
  });
  return { view, result, description: `${description}${suffix}` };
}

export async function conflictAsApiError<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DuplicatePolicyNameError) throw new ApiError('CONFLICT', err.message);
    throw err;
  }
}
