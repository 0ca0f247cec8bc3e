import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicies, defaultTools } from '@kairro/core';
import { listenForConfigChanges, listPolicies, loadOrgConfigs } from '@kairro/postgres';
import { buildAdminWorld, type AdminWorld, type Client } from './test-fixtures/admin-world.ts';

/**
 * The policy management API against real Postgres: CRUD, every validation error (nothing
 * written), roles, org isolation, and the audit log written with each change.
 */
let w: AdminWorld;
let teamA: string;
let teamB: string;
let identityA: string;
beforeAll(async () => {
  w = await buildAdminWorld();
  teamA = (await w.admin.request('POST', '/v1/admin/teams', { name: 'Red' })).body.id;
  teamB = (await w.otherAdmin.request('POST', '/v1/admin/teams', { name: 'Red' })).body.id;
  const [identity] = await w.sql<{ id: string }[]>`
    insert into identities (org_id, email) values (${w.admin.orgId}, 'ann@a.example') returning id`;
  identityA = identity!.id;
});
afterAll(async () => {
  await w?.close();
});

const POLICY = {
  name: 'Protect source code',
  description: 'No secrets in prompts',
  type: 'DLP',
  priority: 60,
  rules: [
    {
      kind: 'DLP',
      action: 'BLOCK',
      severity: 'HIGH',
      description: 'secrets',
      criteria: { detectors: ['API_KEY_LIKE'], minSeverity: 'HIGH' },
    },
    {
      kind: 'OTHER',
      action: 'WARN',
      criteria: { regex: { pattern: 'internal-\\d+', caseInsensitive: true, target: 'prompt' } },
    },
  ],
};

/** What a failed write must leave untouched: the org's policies and its audit log. */
const state = async (orgId = w.admin.orgId) => ({
  policies: await listPolicies(w.sql, orgId),
  audit: await w.sql`select id from audit_log where org_id = ${orgId} order by id`,
});
const auditOf = async (client: Client, query = '') => (await client.get(`/v1/admin/audit${query}`)).body;

describe('defaults', () => {
  it('gives a new org the default policies and AI tools', async () => {
    const { policies } = (await w.admin.get('/v1/admin/policies')).body;
    expect(policies.map((p: any) => p.name).sort()).toEqual(
      defaultPolicies()
        .map((p) => p.name)
        .sort(),
    );
    expect(policies.every((p: any) => p.isDefault && p.scope === 'ORG' && p.scopeTargetId === null)).toBe(
      true,
    );
    const { tools } = (await w.admin.get('/v1/admin/tools')).body;
    expect(tools.map((t: any) => t.id).sort()).toEqual(
      defaultTools()
        .map((t) => t.id)
        .sort(),
    );
    const statuses = tools.map((t: any) => t.status);
    expect(statuses).toEqual([...statuses].sort()); // APPROVED before UNAPPROVED
  });

  it('refuses to delete a default policy, and disables it instead', async () => {
    const { policies } = (await w.admin.get('/v1/admin/policies')).body;
    const target = policies.find((p: any) => p.status === 'ACTIVE');
    const del = await w.admin.request('DELETE', `/v1/admin/policies/${target.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('disable it instead');
    const off = await w.admin.request('PATCH', `/v1/admin/policies/${target.id}`, { status: 'DISABLED' });
    expect(off.body.status).toBe('DISABLED');
    const [entry] = (await auditOf(w.admin, `?entityId=${target.id}`)).entries;
    expect(entry).toMatchObject({
      change: 'update',
      description: `Disabled policy "${target.name}"`,
      actorEmail: w.admin.email,
      before: { status: 'ACTIVE', name: target.name },
      after: { status: 'DISABLED', name: target.name },
    });
    await w.admin.request('PATCH', `/v1/admin/policies/${target.id}`, { status: 'ACTIVE' });
  });
});

describe('policy CRUD', () => {
  it('creates, reads, changes and deletes a policy, auditing each change', async () => {
    const created = await w.admin.request('POST', '/v1/admin/policies', POLICY);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: POLICY.name,
      status: 'ACTIVE',
      scope: 'ORG',
      scopeTargetId: null,
      scopeTargetName: null,
      isDefault: false,
      priority: 60,
      rules: [
        { kind: 'DLP', action: 'BLOCK', severity: 'HIGH', description: 'secrets' },
        { kind: 'OTHER', action: 'WARN', description: '' },
      ],
    });
    expect(created.body.rules[1].severity).toBeUndefined();
    expect(created.body.rules[1].criteria).toEqual(POLICY.rules[1]!.criteria);
    const id = created.body.id;
    expect((await w.admin.get(`/v1/admin/policies/${id}`)).body).toEqual(created.body);
    expect((await w.viewer.get(`/v1/admin/policies/${id}`)).status).toBe(200);
    expect((await w.admin.request('POST', '/v1/admin/policies', POLICY)).status).toBe(409);

    // Rules keep their ids when sent back with them.
    const rules = created.body.rules.map((r: any, i: number) => (i === 1 ? { ...r, action: 'BLOCK' } : r));
    const patched = await w.admin.request('PATCH', `/v1/admin/policies/${id}`, { rules, priority: 70 });
    expect(patched.status).toBe(200);
    expect(patched.body.rules.map((r: any) => r.id)).toEqual(created.body.rules.map((r: any) => r.id));
    expect(patched.body.rules[1].action).toBe('BLOCK');

    // A patch that changes nothing writes nothing.
    const before = await state();
    expect((await w.admin.request('PATCH', `/v1/admin/policies/${id}`, { priority: 70 })).status).toBe(200);
    expect(await state()).toEqual(before);

    expect((await w.admin.request('DELETE', `/v1/admin/policies/${id}`)).status).toBe(204);
    expect((await w.admin.get(`/v1/admin/policies/${id}`)).status).toBe(404);

    const { entries } = await auditOf(w.admin, `?entityType=policy&entityId=${id}`);
    expect(entries.map((e: any) => [e.change, e.description])).toEqual([
      ['delete', `Deleted policy "${POLICY.name}"`],
      ['update', 'Changed priority 60 → 70; Changed rule 2 action WARN → BLOCK'],
      ['create', `Created policy "${POLICY.name}"`],
    ]);
    expect(entries[1].before.rules[1].action).toBe('WARN');
    expect(entries[1].after.rules[1].action).toBe('BLOCK');
    expect(entries[2].before).toBeNull();
    expect(entries[0].after).toBeNull();
    expect(entries[0].before).toMatchObject({ id, name: POLICY.name, priority: 70 });
  });

  it('scopes a policy to a team or an identity of the org, by id, named in the view', async () => {
    const team = await w.admin.request('POST', '/v1/admin/policies', {
      ...POLICY,
      name: 'Red team only',
      scope: 'TEAM',
      scopeTargetId: teamA,
    });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ scope: 'TEAM', scopeTargetId: teamA, scopeTargetName: 'Red' });
    // The team cannot go while a policy targets it.
    expect((await w.admin.request('DELETE', `/v1/admin/teams/${teamA}`)).status).toBe(409);

    const person = await w.admin.request('PATCH', `/v1/admin/policies/${team.body.id}`, {
      scope: 'IDENTITY',
      scopeTargetId: identityA,
    });
    expect(person.body).toMatchObject({ scope: 'IDENTITY', scopeTargetName: 'ann@a.example' });
    const [entry] = (await auditOf(w.admin, `?entityId=${team.body.id}`)).entries;
    expect(entry.description).toBe('Changed scope TEAM "Red" → IDENTITY "ann@a.example"');
    const org = await w.admin.request('PATCH', `/v1/admin/policies/${team.body.id}`, { scope: 'ORG' });
    expect(org.body).toMatchObject({ scope: 'ORG', scopeTargetId: null });
    await w.admin.request('DELETE', `/v1/admin/policies/${team.body.id}`);
  });
});

describe('validation: 400, nothing written', () => {
  const rule = (kind: string, criteria: object, extra: object = {}) => ({
    ...POLICY,
    name: 'Invalid',
    rules: [{ kind, action: 'BLOCK', criteria, ...extra }],
  });
  const cases: Array<[string, () => object, string, string]> = [
    [
      'a regex RE2 refuses',
      () => rule('OTHER', { regex: { pattern: '(a', target: 'prompt' } }),
      'INVALID_PATTERN',
      'rule 1: regex',
    ],
    [
      'a lookahead',
      () => rule('DLP', { regex: { pattern: 'a(?=b)', target: 'both' } }),
      'INVALID_PATTERN',
      'rule 1',
    ],
    [
      'a metadata regex',
      () => rule('OTHER', { metadata: [{ key: 'dept', op: 'matches', value: '[' }] }),
      'INVALID_PATTERN',
      'metadata "dept"',
    ],
    [
      'an unknown tool',
      () => rule('DENY_TOOLS', { tools: ['chatgpt', 'made-up-ai'] }),
      'VALIDATION_FAILED',
      '"made-up-ai" is not one of your organisation\'s AI tools',
    ],
    ['an unknown detector', () => rule('DLP', { detectors: ['NOPE'] }), 'VALIDATION_FAILED', '"NOPE"'],
    [
      'a domain that is no host',
      () => rule('DOMAIN_RESTRICTION', { domains: ['not a host'] }),
      'VALIDATION_FAILED',
      'domains',
    ],
    [
      'a DLP rule without criteria',
      () => rule('DLP', {}),
      'VALIDATION_FAILED',
      'needs minSeverity, detectors or regex',
    ],
    [
      'a TOKEN_LIMIT rule without maxTokens',
      () => rule('TOKEN_LIMIT', { models: ['gpt-4*'] }),
      'VALIDATION_FAILED',
      'needs maxTokens',
    ],
    [
      'tools on a DLP rule',
      () => rule('DLP', { minSeverity: 'HIGH', tools: ['chatgpt'] }),
      'VALIDATION_FAILED',
      'does not use tools',
    ],
    [
      'metadata `in` with one value',
      () => rule('OTHER', { metadata: [{ key: 'd', op: 'in', value: 'x' }] }),
      'VALIDATION_FAILED',
      'needs a list',
    ],
    [
      'TEAM scope without target',
      () => ({ ...POLICY, name: 'Invalid', scope: 'TEAM' }),
      'VALIDATION_FAILED',
      'needs scopeTargetId',
    ],
    [
      'ORG scope with a target',
      () => ({ ...POLICY, name: 'Invalid', scopeTargetId: teamA }),
      'VALIDATION_FAILED',
      'remove scopeTargetId',
    ],
    [
      "another org's team",
      () => ({ ...POLICY, name: 'Invalid', scope: 'TEAM', scopeTargetId: teamB }),
      'VALIDATION_FAILED',
      "is not one of your organisation's teams",
    ],
    [
      'a team id as identity',
      () => ({ ...POLICY, name: 'Invalid', scope: 'IDENTITY', scopeTargetId: teamA }),
      'VALIDATION_FAILED',
      "is not one of your organisation's identities",
    ],
    [
      'priority above 10000',
      () => ({ ...POLICY, name: 'Invalid', priority: 10_001 }),
      'VALIDATION_FAILED',
      'priority',
    ],
    [
      '51 rules',
      () => ({ ...POLICY, name: 'Invalid', rules: Array.from({ length: 51 }, () => POLICY.rules[0]) }),
      'VALIDATION_FAILED',
      'rules',
    ],
    [
      'an unknown field',
      () => ({ ...POLICY, name: 'Invalid', owner: 'me' }),
      'VALIDATION_FAILED',
      'additional',
    ],
    ['an unknown kind', () => rule('MAGIC', { minSeverity: 'HIGH' }), 'VALIDATION_FAILED', 'kind'],
  ];

  it.each(cases)('refuses %s on create', async (_name, body, code, message) => {
    const before = await state();
    const res = await w.admin.request('POST', '/v1/admin/policies', body());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toContain(message);
    expect(await state()).toEqual(before);
  });

  it.each(cases)('refuses %s on patch', async (_name, body, code, message) => {
    const target = (await listPolicies(w.sql, w.admin.orgId))[0]!;
    const before = await state();
    const { name: _n, type: _t, ...patch } = body() as Record<string, unknown>;
    const res = await w.admin.request('PATCH', `/v1/admin/policies/${target.id}`, patch);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toContain(message);
    expect(await state()).toEqual(before);
  });

  it('accepts empty lists as absent', async () => {
    const res = await w.admin.request('POST', '/v1/admin/policies', {
      ...POLICY,
      name: 'Empty lists',
      rules: [{ kind: 'DLP', action: 'WARN', criteria: { minSeverity: 'LOW', detectors: [], models: [] } }],
    });
    expect(res.status).toBe(201);
    expect(res.body.rules[0].criteria).toEqual({ minSeverity: 'LOW' });
    await w.admin.request('DELETE', `/v1/admin/policies/${res.body.id}`);
  });
});

describe('roles and org isolation', () => {
  it('lets a VIEWER read but not write', async () => {
    const target = (await listPolicies(w.sql, w.admin.orgId))[0]!;
    const before = await state();
    expect((await w.viewer.get('/v1/admin/policies')).status).toBe(200);
    expect((await w.viewer.get('/v1/admin/audit')).status).toBe(200);
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/v1/admin/policies', { ...POLICY, name: 'Viewer' }],
      ['PATCH', `/v1/admin/policies/${target.id}`, { priority: 1 }],
      ['DELETE', `/v1/admin/policies/${target.id}`, undefined],
      [
        'POST',
        '/v1/admin/tools',
        { id: 'x', name: 'X', status: 'APPROVED', urlPatterns: ['https://x.ai/*'] },
      ],
      ['PATCH', '/v1/admin/tools/chatgpt', { name: 'GPT' }],
      ['DELETE', '/v1/admin/tools/poe', undefined],
      ['POST', '/v1/admin/teams', { name: 'Viewers' }],
      ['PATCH', `/v1/admin/teams/${teamA}`, { name: 'Blue' }],
      ['PATCH', `/v1/admin/identities/${identityA}`, { teamId: teamA }],
    ];
    for (const [method, url, body] of writes) {
      const res = await w.viewer.request(method, url, body);
      expect([method, url, res.status, res.body.error.code]).toEqual([method, url, 403, 'FORBIDDEN']);
    }
    expect(await state()).toEqual(before);
  });

  it("answers 404 to another org's policy, and lists only the org's own", async () => {
    const mine = await w.admin.request('POST', '/v1/admin/policies', { ...POLICY, name: 'Only A' });
    const before = await state();
    const id = mine.body.id;
    expect((await w.otherAdmin.get(`/v1/admin/policies/${id}`)).status).toBe(404);
    expect(
      (await w.otherAdmin.request('PATCH', `/v1/admin/policies/${id}`, { status: 'DISABLED' })).status,
    ).toBe(404);
    expect((await w.otherAdmin.request('DELETE', `/v1/admin/policies/${id}`)).status).toBe(404);
    expect((await w.otherAdmin.request('PATCH', `/v1/admin/teams/${teamA}`, { name: 'Mine' })).status).toBe(
      404,
    );
    expect(
      (await w.otherAdmin.request('PATCH', `/v1/admin/identities/${identityA}`, { teamId: null })).status,
    ).toBe(404);
    const theirs = (await w.otherAdmin.get('/v1/admin/policies')).body.policies;
    expect(theirs.map((p: any) => p.id)).not.toContain(id);
    expect((await auditOf(w.otherAdmin)).entries.map((e: any) => e.entityId)).not.toContain(id);
    expect(await state()).toEqual(before);
    await w.admin.request('DELETE', `/v1/admin/policies/${id}`);
  });
});

describe('AI tools', () => {
  const TOOL = {
    id: 'acme-gpt',
    name: 'ACME GPT',
    status: 'APPROVED',
    urlPatterns: ['https://gpt.acme.example/*'],
  };

  it('creates, changes and deletes a tool with defaults, audited', async () => {
    const created = await w.admin.request('POST', '/v1/admin/tools', TOOL);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...TOOL, applyPolicies: true, action: 'BLOCK', severity: 'MEDIUM' });
    expect((await w.admin.request('POST', '/v1/admin/tools', TOOL)).status).toBe(409);
    const patched = await w.admin.request('PATCH', '/v1/admin/tools/acme-gpt', {
      status: 'UNAPPROVED',
      action: 'WARN',
    });
    expect(patched.body).toMatchObject({ id: 'acme-gpt', status: 'UNAPPROVED', action: 'WARN' });
    expect((await w.admin.request('DELETE', '/v1/admin/tools/acme-gpt')).status).toBe(204);
    expect((await w.admin.request('DELETE', '/v1/admin/tools/acme-gpt')).status).toBe(404);
    const { entries } = await auditOf(w.admin, '?entityType=tool&entityId=acme-gpt');
    expect(entries.map((e: any) => e.description)).toEqual([
      'Deleted tool "ACME GPT"',
      'Changed tool "ACME GPT": status APPROVED → UNAPPROVED; action BLOCK → WARN',
      'Created tool "ACME GPT" (APPROVED)',
    ]);
  });

  it('refuses an invalid URL pattern and a tool a rule still names', async () => {
    const before = await state();
    const bad = await w.admin.request('POST', '/v1/admin/tools', {
      ...TOOL,
      urlPatterns: ['https://a.*.com/*'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('URL pattern');
    expect(await state()).toEqual(before);

    const policy = await w.admin.request('POST', '/v1/admin/policies', {
      ...POLICY,
      name: 'No Poe',
      rules: [{ kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: ['poe'] } }],
    });
    const del = await w.admin.request('DELETE', '/v1/admin/tools/poe');
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('"No Poe"');
    await w.admin.request('DELETE', `/v1/admin/policies/${policy.body.id}`);
  });
});

describe('teams and identities', () => {
  it('creates, renames and deletes teams and moves identities, audited', async () => {
    const team = await w.admin.request('POST', '/v1/admin/teams', { name: 'Green' });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ name: 'Green', memberCount: 0 });
    expect((await w.admin.request('POST', '/v1/admin/teams', { name: 'Green' })).status).toBe(409);
    const renamed = await w.admin.request('PATCH', `/v1/admin/teams/${team.body.id}`, { name: 'Teal' });
    expect(renamed.body.name).toBe('Teal');

    const foreign = await w.admin.request('PATCH', `/v1/admin/identities/${identityA}`, { teamId: teamB });
    expect(foreign.status).toBe(400);
    const moved = await w.admin.request('PATCH', `/v1/admin/identities/${identityA}`, {
      teamId: team.body.id,
    });
    expect(moved.body).toMatchObject({ email: 'ann@a.example', teamId: team.body.id, teamName: 'Teal' });
    const [teamRow] = (await w.admin.get('/v1/admin/teams')).body.teams.filter((t: any) => t.name === 'Teal');
    expect(teamRow.memberCount).toBe(1);
    expect((await w.admin.request('DELETE', `/v1/admin/teams/${team.body.id}`)).status).toBe(204);
    const after = (await w.admin.get(`/v1/admin/identities?search=ANN`)).body.identities;
    expect(after).toMatchObject([{ id: identityA, teamId: null, teamName: null, lastSeenAt: null }]);

    const { entries } = await auditOf(w.admin, '?limit=4');
    expect(entries.map((e: any) => e.description)).toEqual([
      'Deleted team "Teal" (1 members left without a team)',
      'Moved ann@a.example from no team to team "Teal"',
      'Renamed team "Green" → "Teal"',
      'Created team "Green"',
    ]);
  });

  it('lists identities by search and team, page by page', async () => {
    for (const email of ['b1@a.example', 'b2@a.example', 'b3@a.example'])
      await w.sql`insert into identities (org_id, email, team_id) values (${w.admin.orgId}, ${email}, ${teamA})`;
    await w.sql`insert into identities (org_id, email) values (${w.otherAdmin.orgId}, 'b9@a.example')`;
    const first = (await w.admin.get(`/v1/admin/identities?teamId=${teamA}&limit=2`)).body;
    expect(first.identities.map((i: any) => i.email)).toEqual(['b1@a.example', 'b2@a.example']);
    const second = (
      await w.admin.get(`/v1/admin/identities?teamId=${teamA}&limit=2&cursor=${first.nextCursor}`)
    ).body;
    expect(second).toMatchObject({
      identities: [{ email: 'b3@a.example', teamName: 'Red' }],
      nextCursor: null,
    });
    const none = (await w.admin.get('/v1/admin/identities?teamId=none')).body.identities;
    expect(none.map((i: any) => i.email)).toEqual(['ann@a.example']);
    const search = (await w.admin.get('/v1/admin/identities?search=b')).body.identities;
    expect(search.map((i: any) => i.email)).toEqual(['b1@a.example', 'b2@a.example', 'b3@a.example']);
  });
});

describe('audit log', () => {
  it('pages newest first with a cursor', async () => {
    const all = (await auditOf(w.admin, '?limit=200')).entries;
    expect(all.length).toBeGreaterThan(5);
    const times = all.map((e: any) => e.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await auditOf(w.admin, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.entries.map((e: any) => e.id));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual(all.map((e: any) => e.id));
    expect((await w.admin.get('/v1/admin/audit?cursor=bogus')).status).toBe(400);
  });
});

describe('loadOrgConfigs', () => {
  it('loads every policy with full rules, the tools and the identities', async () => {
    const created = await w.admin.request('POST', '/v1/admin/policies', {
      ...POLICY,
      name: 'Draft for Red',
      status: 'DRAFT',
      scope: 'TEAM',
      scopeTargetId: teamA,
    });
    const config = (await loadOrgConfigs(w.sql, [w.admin.orgId])).get(w.admin.orgId)!;
    const loaded = config.policies.find((p) => p.id === created.body.id)!;
    const { createdAt: _c, updatedAt: _u, scopeTargetName: _n, ...expected } = created.body;
    expect(loaded).toEqual(expected);
    expect(config.policies.length).toBe(defaultPolicies().length + 1);
    const order = config.policies.map((p) => [p.priority, p.name]);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => (a[0] as number) - (b[0] as number) || String(a[1]).localeCompare(String(b[1])),
      ),
    );
    expect(config.tools.map((t) => t.status)).toEqual([...config.tools.map((t) => t.status)].sort());
    expect(config.tools[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), urlPatterns: expect.any(Array) }),
    );
    expect(config.tools[0]).not.toHaveProperty('createdAt');
    expect(config.identities.get('b1@a.example')).toEqual({ identityId: expect.any(String), teamId: teamA });
    expect(config.identities.get('ann@a.example')).toEqual({ identityId: identityA, teamId: null });
    expect(config.teams.get('b1@a.example')).toBe('Red');
    await w.admin.request('DELETE', `/v1/admin/policies/${created.body.id}`);
  });

  it('notifies a config change when a tool changes', async () => {
    const seen: string[] = [];
    const listener = await listenForConfigChanges(w.sql, (orgId) => seen.push(orgId));
    await w.admin.request('PATCH', '/v1/admin/tools/claude', { severity: 'HIGH' });
    const deadline = Date.now() + 5_000;
    while (!seen.includes(w.admin.orgId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await listener.unlisten();
    expect(seen).toContain(w.admin.orgId);
  });
});
