import { randomUUID } from 'node:crypto';
import type { Policy, PolicyRule } from '@kairro/core';
import type { Sql } from '../connect.ts';

/** A policy as stored, with its rules in order. */
export interface PolicyRow extends Policy {
  createdAt: string;
  updatedAt: string;
}

/** A rule to write; `id` keeps an existing rule's id when it is one of the policy's rules. */
export type RuleInput = Omit<PolicyRule, 'id'> & { id?: string | undefined };

/** Everything a write sets; `isDefault` only ever comes from the built-in defaults. */
export type PolicyInput = Omit<Policy, 'id' | 'isDefault' | 'rules'> & { rules: RuleInput[] };

/** Thrown when the org already has a policy of that name. */
export class DuplicatePolicyNameError extends Error {}

// Rules come back in position order as one JSON array per policy: one query for any number of policies.
const SELECT = `
  select p.id, p.org_id as "orgId", p.name, p.description, p.type, p.status, p.scope,
    p.scope_target_id as "scopeTargetId", p.priority, p.is_default as "isDefault",
    to_json(p.created_at)#>>'{}' as "createdAt", to_json(p.updated_at)#>>'{}' as "updatedAt",
    coalesce((select json_agg(json_build_object('id', r.id, 'kind', r.kind, 'action', r.action,
        'severity', r.severity, 'description', r.description, 'criteria', r.criteria) order by r.position)
      from policy_rules r where r.policy_id = p.id), '[]') as rules
  from policies p`;

type SelectedRow = PolicyRow & { orgId: string; rules: Array<PolicyRule & { severity?: string | null }> };

/** Every policy of the given orgs (any status, scope, type), by priority then name. */
export async function selectPolicies(
  sql: Sql,
  orgIds: string[],
): Promise<Array<PolicyRow & { orgId: string }>> {
  const rows = await sql<SelectedRow[]>`
    ${sql.unsafe(SELECT)} where p.org_id = any(${orgIds}::uuid[]) order by p.priority, p.name`;
  return rows.map(normalise);
}

export async function listPolicies(sql: Sql, orgId: string): Promise<PolicyRow[]> {
  return (await selectPolicies(sql, [orgId])).map(withoutOrg);
}

export async function getPolicy(sql: Sql, orgId: string, id: string): Promise<PolicyRow | undefined> {
  const [row] = await sql<SelectedRow[]>`
    ${sql.unsafe(SELECT)} where p.org_id = ${orgId} and p.id = ${id}`;
  return row && withoutOrg(normalise(row));
}

export async function getPolicyByName(sql: Sql, orgId: string, name: string): Promise<PolicyRow | undefined> {
  const [row] = await sql<SelectedRow[]>`
    ${sql.unsafe(SELECT)} where p.org_id = ${orgId} and p.name = ${name}`;
  return row && withoutOrg(normalise(row));
}

/** Inserts the policy and its rules (call inside a transaction); returns the new id. */
export async function insertPolicy(
  sql: Sql,
  orgId: string,
  input: PolicyInput,
  opts: { isDefault?: boolean } = {},
): Promise<string> {
  const [row] = await duplicateName(
    input.name,
    () => sql<{ id: string }[]>`
    insert into policies (org_id, name, description, type, status, scope, scope_target_id, priority, is_default)
    values (${orgId}, ${input.name}, ${input.description}, ${input.type}, ${input.status}, ${input.scope},
            ${input.scopeTargetId}, ${input.priority}, ${opts.isDefault ?? false})
    returning id`,
  );
  await replaceRules(sql, row!.id, input.rules);
  return row!.id;
}

/** Replaces the policy's fields and rules (call inside a transaction); false when not in the org. */
export async function updatePolicy(
  sql: Sql,
  orgId: string,
  id: string,
  input: PolicyInput,
): Promise<boolean> {
  const rows = await duplicateName(
    input.name,
    () => sql`
    update policies set name = ${input.name}, description = ${input.description}, type = ${input.type},
      status = ${input.status}, scope = ${input.scope}, scope_target_id = ${input.scopeTargetId},
      priority = ${input.priority}, updated_at = now()
    where org_id = ${orgId} and id = ${id}
    returning id`,
  );
  if (rows.length === 0) return false;
  await replaceRules(sql, id, input.rules);
  return true;
}

/** True when a policy of the org was deleted (its rules go with it). */
export async function deletePolicy(sql: Sql, orgId: string, id: string): Promise<boolean> {
  const rows = await sql`delete from policies where org_id = ${orgId} and id = ${id} returning id`;
  return rows.length > 0;
}

/** Policies of the org whose rules name one of these tools (to refuse deleting a tool in use). */
export async function policiesUsingTool(sql: Sql, orgId: string, toolKey: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select distinct p.name from policies p join policy_rules r on r.policy_id = p.id
    where p.org_id = ${orgId} and r.criteria->'tools' ? ${toolKey}
    order by p.name`;
  return rows.map((r) => r.name);
}

/** Policies of the org scoped to this team or identity. */
export async function policiesScopedTo(sql: Sql, orgId: string, targetId: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select name from policies where org_id = ${orgId} and scope_target_id = ${targetId} order by name`;
  return rows.map((r) => r.name);
}

async function replaceRules(sql: Sql, policyId: string, rules: RuleInput[]): Promise<void> {
  const existing = await sql<
    { id: string }[]
  >`delete from policy_rules where policy_id = ${policyId} returning id`;
  const reusable = new Set(existing.map((r) => r.id));
  if (rules.length === 0) return;
  const rows = rules.map((rule, i) => {
    const keep = rule.id !== undefined && reusable.delete(rule.id);
    return {
      id: keep ? rule.id! : randomUUID(),
      policy_id: policyId,
      position: i + 1,
      kind: rule.kind,
      action: rule.action,
      severity: rule.severity ?? null,
      description: rule.description ?? '',
      criteria: sql.json(rule.criteria as Parameters<Sql['json']>[0]),
    };
  });
  await sql`insert into policy_rules ${sql(rows)}`;
}

function normalise(row: SelectedRow): PolicyRow & { orgId: string } {
  return {
    ...row,
    rules: row.rules.map(({ severity, ...rule }) => ({
      ...rule,
      ...(severity ? { severity: severity as PolicyRule['severity'] } : {}),
    })),
  };
}

function withoutOrg({ orgId: _org, ...row }: PolicyRow & { orgId: string }): PolicyRow {
  return row;
}

async function duplicateName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: string; constraint_name?: string };
    if (e.code === '23505' && e.constraint_name === 'policies_org_id_name_key')
      throw new DuplicatePolicyNameError(`A policy named "${name}" already exists in your organisation.`);
    throw err;
  }
}

/** The names of scope targets: team id → team name, identity id → email (org-scoped). */
export async function scopeTargetNames(sql: Sql, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: string; name: string }[]>`
    select id, name from teams where org_id = ${orgId} and id = any(${ids}::uuid[])
    union all
    select id, email from identities where org_id = ${orgId} and id = any(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r.name]));
}
