import { defaultPolicies } from '@kairro/core';
import type { Sql } from '../connect.ts';

export async function createOrg(sql: Sql, input: { name: string; slug: string }): Promise<string> {
  return sql.begin(async (tx) => {
    const [org] = await tx<{ id: string }[]>`
      insert into orgs (name, slug) values (${input.name}, ${input.slug}) returning id`;
    await ensureDefaultPolicies(tx as unknown as Sql, org!.id);
    return org!.id;
  });
}

/** Creates the org's default policies unless they exist (idempotent: matched by name). */
export async function ensureDefaultPolicies(sql: Sql, orgId: string): Promise<void> {
  for (const policy of defaultPolicies()) {
    const [created] = await sql<{ id: string }[]>`
      insert into policies (org_id, name, description, type, status, priority, is_default)
      values (${orgId}, ${policy.name}, '', ${policy.type}, ${policy.status},
              ${policy.priority}, true)
      on conflict (org_id, name) do nothing
      returning id`;
    if (!created) continue;
    for (const [position, rule] of policy.rules.entries()) {
      await sql`
        insert into policy_rules (policy_id, position, kind, action, criteria)
        values (${created.id}, ${position + 1}, ${rule.kind}, ${rule.action},
                ${sql.json({ minSeverity: rule.minSeverity })})`;
    }
  }
}

/** How many days the org's events are kept in ClickHouse (the TTL reads it from each row). */
export async function getRetentionDays(sql: Sql, orgId: string): Promise<number> {
  const [row] = await sql<{ retention_days: number }[]>`select retention_days from orgs where id = ${orgId}`;
  if (!row) throw new Error(`org ${orgId} does not exist`);
  return row.retention_days;
}

/**
 * Sets the org's retention. Postgres NOTIFYs the change, so ingest writes the new value on the
 * next events; rows already stored keep the retention they were written with.
 */
export async function setRetentionDays(sql: Sql, orgId: string, days: number): Promise<number> {
  const [row] = await sql<{ retention_days: number }[]>`
    update orgs set retention_days = ${days} where id = ${orgId} returning retention_days`;
  if (!row) throw new Error(`org ${orgId} does not exist`);
  return row.retention_days;
}
