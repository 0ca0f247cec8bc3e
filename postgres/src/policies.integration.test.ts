import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicies, defaultTools } from '@kairro/core';
import { createTestDatabase } from '../../test/helpers/pg.ts';
import { connectPostgres, inTransaction, type Sql } from './connect.ts';
import { migratePostgres } from './migrate.ts';
import { appendAudit, listAudit } from './queries/audit.ts';
import { ensureDefaultPolicies, ensureDefaultTools, ensureOrgDefaults } from './queries/defaults.ts';
import {
  DuplicatePolicyNameError,
  getPolicy,
  insertPolicy,
  listPolicies,
  updatePolicy,
  type PolicyInput,
} from './queries/policies.ts';
import { createOrg } from './queries/orgs.ts';

const INPUT: PolicyInput = {
  name: 'Custom',
  description: '',
  type: 'OTHER',
  status: 'ACTIVE',
  scope: 'ORG',
  scopeTargetId: null,
  priority: 5,
  rules: [
    {
      kind: 'TOKEN_LIMIT',
      action: 'WARN',
      severity: 'LOW',
      description: 'long',
      criteria: { maxTokens: 10 },
    },
    { kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: ['poe'] } },
  ],
};

describe('policies, tools and defaults in Postgres', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Sql;
  beforeAll(async () => {
    db = await createTestDatabase();
    sql = connectPostgres(db.url);
    await migratePostgres(sql);
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  const counts = async (orgId: string) => {
    const [row] = await sql<{ policies: number; rules: number; tools: number }[]>`
      select (select count(*)::int from policies where org_id = ${orgId}) as policies,
        (select count(*)::int from policy_rules r join policies p on p.id = r.policy_id
          where p.org_id = ${orgId}) as rules,
        (select count(*)::int from ai_tools where org_id = ${orgId}) as tools`;
    return row!;
  };

  it('gives the defaults once: idempotent, and a renamed or deleted default stays so', async () => {
    const orgId = await createOrg(sql, { name: 'A', slug: 'a' });
    const first = await counts(orgId);
    expect(first.policies).toBe(defaultPolicies().length);
    expect(first.rules).toBe(defaultPolicies().flatMap((p) => p.rules).length);
    expect(first.tools).toBe(defaultTools().length);
    await ensureDefaultPolicies(sql, orgId);
    await ensureDefaultTools(sql, orgId);
    await ensureOrgDefaults(sql);
    expect(await counts(orgId)).toEqual(first);

    const name = defaultPolicies()[0]!.name;
    await sql`update policies set name = 'Renamed' where org_id = ${orgId} and name = ${name}`;
    await sql`delete from ai_tools where org_id = ${orgId} and tool_key = ${defaultTools()[0]!.id}`;
    await ensureOrgDefaults(sql);
    expect(await counts(orgId)).toEqual({ ...first, tools: first.tools - 1 });
  });

  it('gives an org created by an older version the defaults it lacks, keeping its policies', async () => {
    const [org] = await sql<
      { id: string }[]
    >`insert into orgs (name, slug) values ('Old', 'old') returning id`;
    const name = defaultPolicies()[0]!.name;
    await sql`insert into policies (org_id, name, type, status, is_default) values (${org!.id}, ${name}, 'DLP', 'DISABLED', true)`;
    await ensureOrgDefaults(sql);
    const policies = await listPolicies(sql, org!.id);
    expect(policies.length).toBe(defaultPolicies().length);
    expect(policies.find((p) => p.name === name)).toMatchObject({ status: 'DISABLED', rules: [] });
    expect((await counts(org!.id)).tools).toBe(defaultTools().length);
  });

  it('writes policies with their rules in order, keeping rule ids asked for', async () => {
    const orgId = await createOrg(sql, { name: 'B', slug: 'b' });
    const other = await createOrg(sql, { name: 'C', slug: 'c' });
    const id = await inTransaction(sql, (tx) => insertPolicy(tx, orgId, INPUT));
    const stored = (await getPolicy(sql, orgId, id))!;
    expect(stored.rules).toEqual([
      { id: expect.any(String), ...INPUT.rules[0] },
      {
        id: expect.any(String),
        kind: 'DENY_TOOLS',
        action: 'BLOCK',
        description: '',
        criteria: { tools: ['poe'] },
      },
    ]);
    await expect(inTransaction(sql, (tx) => insertPolicy(tx, orgId, INPUT))).rejects.toBeInstanceOf(
      DuplicatePolicyNameError,
    );

    const swapped = { ...INPUT, rules: [stored.rules[1]!, stored.rules[0]!] };
    expect(await inTransaction(sql, (tx) => updatePolicy(tx, other, id, swapped))).toBe(false);
    expect(await getPolicy(sql, other, id)).toBeUndefined();
    expect(await inTransaction(sql, (tx) => updatePolicy(tx, orgId, id, swapped))).toBe(true);
    expect((await getPolicy(sql, orgId, id))!.rules.map((r) => r.id)).toEqual([
      stored.rules[1]!.id,
      stored.rules[0]!.id,
    ]);
    // The database keeps the scope honest too.
    await expect(sql`update policies set scope = 'TEAM' where id = ${id}`).rejects.toThrow(
      /policies_scope_target/,
    );
  });

  it('pages the audit log newest first', async () => {
    const orgId = await createOrg(sql, { name: 'D', slug: 'd' });
    for (const n of [1, 2, 3])
      await appendAudit(sql, orgId, {
        actor: { userId: null, email: 'a@d.example' },
        entityType: 'team',
        entityId: `t${n}`,
        entityName: `T${n}`,
        change: 'create',
        description: `Created team "T${n}"`,
        before: null,
        after: { n },
      });
    const page = await listAudit(sql, orgId, { limit: 2 });
    expect(page.map((e) => e.entityId)).toEqual(['t3', 't2']);
    const rest = await listAudit(sql, orgId, { limit: 2, before: page[1]! });
    expect(rest.map((e) => [e.entityId, e.after])).toEqual([['t1', { n: 1 }]]);
    expect(await listAudit(sql, orgId, { limit: 5, entityId: 't2' })).toHaveLength(1);
  });
});
