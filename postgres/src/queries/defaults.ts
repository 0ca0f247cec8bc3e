import { defaultPolicies, defaultTools } from '@kairro/core';
import { inTransaction, type Sql } from '../connect.ts';
import { insertPolicy } from './policies.ts';

/**
 * Gives the org each built-in default policy it has never been given (recorded in `org_defaults`
 * by name), skipping a name the org already uses. Idempotent, and a renamed default does not come
 * back. Call inside a transaction (createOrg, ensureOrgDefaults).
 */
export async function ensureDefaultPolicies(sql: Sql, orgId: string): Promise<void> {
  for (const { isDefault: _d, rules, ...policy } of defaultPolicies()) {
    if (!(await firstTime(sql, orgId, 'policy', policy.name))) continue;
    const [taken] = await sql`select 1 from policies where org_id = ${orgId} and name = ${policy.name}`;
    if (!taken) await insertPolicy(sql, orgId, { ...policy, rules }, { isDefault: true });
  }
}

/** Gives the org each built-in AI tool it has never been given (by tool id); a deleted one stays deleted. */
export async function ensureDefaultTools(sql: Sql, orgId: string): Promise<void> {
  for (const tool of defaultTools()) {
    if (!(await firstTime(sql, orgId, 'tool', tool.id))) continue;
    await sql`
      insert into ai_tools (org_id, tool_key, name, status, url_patterns, apply_policies, action, severity)
      values (${orgId}, ${tool.id}, ${tool.name}, ${tool.status}, ${tool.urlPatterns}::text[],
              ${tool.applyPolicies}, ${tool.action}, ${tool.severity})
      on conflict (org_id, tool_key) do nothing`;
  }
}

/**
 * Runs both for every org, one transaction each: orgs created by an older version get the
 * defaults added since. Safe when several processes start at once.
 */
export async function ensureOrgDefaults(sql: Sql): Promise<void> {
  const orgs = await sql<{ id: string }[]>`select id from orgs order by created_at`;
  for (const { id } of orgs) {
    await inTransaction(sql, async (tx) => {
      await ensureDefaultPolicies(tx, id);
      await ensureDefaultTools(tx, id);
    });
  }
}

async function firstTime(sql: Sql, orgId: string, kind: 'policy' | 'tool', key: string): Promise<boolean> {
  const rows = await sql`
    insert into org_defaults (org_id, kind, key) values (${orgId}, ${kind}, ${key})
    on conflict do nothing returning key`;
  return rows.length > 0;
}
