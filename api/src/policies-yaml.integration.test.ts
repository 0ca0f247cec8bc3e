import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicies } from '@kairro/core';
import { listPolicies } from '@kairro/postgres';
import { buildAdminWorld, type AdminWorld, type Client } from './test-fixtures/admin-world.ts';

/** YAML export and import: a stable, id-free format; all-or-nothing imports matched by name. */
let w: AdminWorld;
beforeAll(async () => {
  w = await buildAdminWorld();
  // The same team and employee exist in both orgs, so policies scoped to them can move across.
  for (const client of [w.admin, w.otherAdmin]) {
    await client.request('POST', '/v1/admin/teams', { name: 'Platform' });
    await w.sql`insert into identities (org_id, email) values (${client.orgId}, 'cto@example.com')`;
  }
  const teams = (await w.admin.get('/v1/admin/teams')).body.teams;
  const [cto] = await w.sql<{ id: string }[]>`
    select id from identities where org_id = ${w.admin.orgId} and email = 'cto@example.com'`;
  await w.admin.request('POST', '/v1/admin/policies', {
    name: 'Platform may paste code',
    description: 'Platform engineers work on open-source code',
    type: 'DLP',
    scope: 'TEAM',
    scopeTargetId: teams[0].id,
    priority: 5,
    rules: [
      {
        kind: 'DLP',
        action: 'WARN',
        severity: 'MEDIUM',
        description: 'Warn only',
        criteria: { detectors: ['API_KEY_LIKE'], inputTypes: ['paste'] },
      },
      { kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: ['poe', 'you'] } },
    ],
  });
  await w.admin.request('POST', '/v1/admin/policies', {
    name: 'CTO long prompts',
    type: 'OTHER',
    status: 'DRAFT',
    scope: 'IDENTITY',
    scopeTargetId: cto!.id,
    rules: [
      { kind: 'TOKEN_LIMIT', action: 'ALERT', criteria: { maxTokens: 8000 } },
      {
        kind: 'OTHER',
        action: 'WARN',
        criteria: {
          regex: { pattern: 'project (x|y)', caseInsensitive: true, target: 'both' },
          metadata: [{ key: 'department', op: 'in', value: ['legal', 'hr'] }],
        },
      },
    ],
  });
});
afterAll(async () => {
  await w?.close();
});

const exportOf = (client: Client) => client.get('/v1/admin/policies/export');
const importInto = (client: Client, yaml: string, query = '', type = 'application/yaml') =>
  client.request('POST', `/v1/admin/policies/import${query}`, yaml, { 'content-type': type });
const state = async (orgId: string) => ({
  policies: await listPolicies(w.sql, orgId),
  audit: await w.sql`select id from audit_log where org_id = ${orgId} order by id`,
});

describe('export', () => {
  it('answers a YAML attachment without ids or timestamps, targets by name', async () => {
    const res = await exportOf(w.admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/yaml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="kairro-policies.yaml"');
    expect(res.text.startsWith('# Kairro policies')).toBe(true);
    expect(res.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no uuid anywhere
    expect(res.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(res.text).toContain('    team: Platform\n');
    expect(res.text).toContain('    identity: cto@example.com\n');
    expect(res.text).toContain(`  - name: Platform may paste code
    description: Platform engineers work on open-source code
    type: DLP
    status: ACTIVE
    scope: TEAM
    team: Platform
    priority: 5
    rules:
      - kind: DLP
        action: WARN
        severity: MEDIUM
        description: Warn only
        criteria:
          detectors:
            - API_KEY_LIKE
          inputTypes:
            - paste
`);
    expect((await exportOf(w.admin)).text).toBe(res.text); // stable
    expect((await w.viewer.get('/v1/admin/policies/export')).status).toBe(200);
  });
});

describe('import', () => {
  it('round-trips: export → import into another org → the same export', async () => {
    const yaml = (await exportOf(w.admin)).text;
    const res = await importInto(w.otherAdmin, yaml);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      created: ['Platform may paste code', 'CTO long prompts'],
      unchanged: defaultPolicies().map((p) => p.name),
    });
    expect((await exportOf(w.otherAdmin)).text).toBe(yaml);

    // Importing the same file again changes nothing and audits nothing.
    const before = await state(w.otherAdmin.orgId);
    const again = await importInto(w.otherAdmin, yaml, '', 'text/yaml');
    expect(again.body.created).toEqual([]);
    expect(again.body.updated).toEqual([]);
    expect(await state(w.otherAdmin.orgId)).toEqual(before);

    const { entries } = (await w.otherAdmin.get('/v1/admin/audit?entityType=policy')).body;
    expect(entries.filter((e: any) => e.change === 'import').map((e: any) => e.description)).toEqual([
      'Created policy "CTO long prompts" (import)',
      'Created policy "Platform may paste code" (import)',
    ]);
  });

  it('updates by name, leaves other policies alone, keeps rule ids by position', async () => {
    const yaml = `version: 1
policies:
  - name: CTO long prompts
    type: OTHER
    status: ACTIVE
    scope: IDENTITY
    identity: CTO@example.com
    rules:
      - kind: TOKEN_LIMIT
        action: BLOCK
        criteria: { maxTokens: 8000 }
  - name: New from YAML
    type: SHADOW_AI
    rules:
      - kind: DOMAIN_RESTRICTION
        action: BLOCK
        criteria: { domains: [Pastebin.com] }
`;
    const old = (await listPolicies(w.sql, w.admin.orgId)).find((p) => p.name === 'CTO long prompts')!;
    const count = (await listPolicies(w.sql, w.admin.orgId)).length;

    const dry = await importInto(w.admin, yaml, '?dryRun=true');
    expect(dry.body).toMatchObject({
      dryRun: true,
      created: ['New from YAML'],
      updated: ['CTO long prompts'],
    });
    expect((await listPolicies(w.sql, w.admin.orgId)).length).toBe(count);

    const res = await importInto(w.admin, yaml);
    expect(res.body.changes).toEqual([
      {
        name: 'CTO long prompts',
        result: 'updated',
        description:
          'Enabled policy "CTO long prompts"; Changed rule 1 action ALERT → BLOCK; Removed rule 2 (OTHER → WARN) (import)',
      },
      { name: 'New from YAML', result: 'created', description: 'Created policy "New from YAML" (import)' },
    ]);
    const after = await listPolicies(w.sql, w.admin.orgId);
    expect(after.length).toBe(count + 1);
    const updated = after.find((p) => p.name === 'CTO long prompts')!;
    expect(updated.rules.map((r) => r.id)).toEqual([old.rules[0]!.id]);
    expect(after.find((p) => p.name === 'New from YAML')!.rules[0]!.criteria).toEqual({
      domains: ['pastebin.com'],
    });
    expect(after.find((p) => p.name === 'Platform may paste code')).toBeDefined();
    const [entry] = (await w.admin.get(`/v1/admin/audit?entityId=${updated.id}`)).body.entries;
    expect(entry).toMatchObject({
      change: 'import',
      before: { status: 'DRAFT' },
      after: { status: 'ACTIVE' },
    });
  });

  const bad: Array<[string, string, string]> = [
    ['a YAML syntax error', 'policies:\n  - name: x\n    type: [DLP\n', 'YAML syntax error at line'],
    ['a duplicate key', 'policies:\n  - name: x\n    name: y\n', 'line 3'],
    ['no policies list', 'rules: []\n', 'The file needs `policies:`'],
    [
      'a policy of the wrong shape',
      'policies:\n  - name: Fine\n    type: DLP\n  - name: Broken\n    type: DLP\n    rules:\n      - kind: DLP\n        action: EXPLODE\n',
      'Policy "Broken" (line 4): rules[0].action must be one of ALLOW, WARN, MASK, BLOCK, ALERT.',
    ],
    [
      'one invalid regex among valid policies',
      'policies:\n  - name: Fine\n    type: DLP\n  - name: Bad regex\n    type: DLP\n    rules:\n      - kind: OTHER\n        action: BLOCK\n        criteria: { regex: { pattern: "(a", target: prompt } }\n',
      'Policy "Bad regex": rule 1: regex',
    ],
    [
      'an unknown tool',
      'policies:\n  - name: Tools\n    type: SHADOW_AI\n    rules:\n      - kind: ALLOW_TOOLS\n        action: BLOCK\n        criteria: { tools: [chatgpt, nope-ai] }\n',
      '"nope-ai"',
    ],
    [
      'an unknown team',
      'policies:\n  - name: T\n    type: DLP\n    scope: TEAM\n    team: Ghosts\n',
      'team "Ghosts"',
    ],
    [
      'a team on an ORG policy',
      'policies:\n  - name: T\n    type: DLP\n    team: Platform\n',
      'only for scope TEAM',
    ],
    [
      'a name twice',
      'policies:\n  - name: T\n    type: DLP\n  - name: T\n    type: OTHER\n',
      'appears twice (line 4)',
    ],
  ];
  it.each(bad)('refuses %s: 400, nothing written', async (_name, yaml, message) => {
    const before = await state(w.admin.orgId);
    const res = await importInto(w.admin, yaml);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(await state(w.admin.orgId)).toEqual(before);
  });

  it('refuses a non-YAML body, an oversized one, and a VIEWER', async () => {
    const json = await w.admin.request('POST', '/v1/admin/policies/import', { policies: [] });
    expect(json.status).toBe(415);
    expect((await importInto(w.admin, 'policies: []\n', '', 'text/plain')).status).toBe(415);
    const huge = `policies: []\n# ${'x'.repeat(1024 * 1024)}\n`;
    expect((await importInto(w.admin, huge)).status).toBe(413);
    const viewer = await importInto(w.viewer, 'policies: []\n');
    expect(viewer.status).toBe(403);
  });
});
