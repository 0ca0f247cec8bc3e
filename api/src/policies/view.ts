import { scopeTargetNames, type PolicyInput, type PolicyRow, type Sql } from '@kairro/postgres';
import type { PolicyView } from '../routes/policy-schemas.ts';
import { normaliseCriteria } from './validate.ts';

/** What the audit log keeps of a policy: its view without the timestamps. */
export type PolicySnapshot = Omit<PolicyView, 'createdAt' | 'updatedAt'>;

export function policyView(row: PolicyRow, targetName: string | null): PolicyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type,
    status: row.status,
    scope: row.scope,
    scopeTargetId: row.scopeTargetId,
    scopeTargetName: row.scope === 'ORG' ? null : targetName,
    priority: row.priority,
    isDefault: row.isDefault,
    rules: row.rules.map((r) => ({
      id: r.id,
      kind: r.kind,
      action: r.action,
      ...(r.severity ? { severity: r.severity } : {}),
      description: r.description ?? '',
      criteria: normaliseCriteria(r.criteria),
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Views of several policies, their scope targets named in one query. */
export async function policyViews(sql: Sql, orgId: string, rows: PolicyRow[]): Promise<PolicyView[]> {
  const targets = rows.flatMap((r) => (r.scopeTargetId ? [r.scopeTargetId] : []));
  const names = await scopeTargetNames(sql, orgId, [...new Set(targets)]);
  return rows.map((r) => policyView(r, r.scopeTargetId ? (names.get(r.scopeTargetId) ?? null) : null));
}

export function snapshot({ createdAt: _c, updatedAt: _u, ...view }: PolicyView): PolicySnapshot {
  return view;
}

/** The writable fields of a stored policy, as a write would set them. */
export function inputOf(view: PolicyView): PolicyInput {
  return {
    name: view.name,
    description: view.description,
    type: view.type,
    status: view.status,
    scope: view.scope,
    scopeTargetId: view.scopeTargetId,
    priority: view.priority,
    rules: view.rules.map((r) => ({ ...r })),
  };
}
