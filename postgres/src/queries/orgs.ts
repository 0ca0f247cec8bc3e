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
