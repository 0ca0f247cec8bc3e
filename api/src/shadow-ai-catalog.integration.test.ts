import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInCatalog, riskScore, type RiskAttributes } from '@kairro/catalog';
import {
  buildIngestApp,
  createEventIdGenerator,
  createOrgConfigCache,
  createTokenService,
  type OrgConfigCache,
} from '@kairro/ingest';
import { createLicense, listDismissedHosts, listTools } from '@kairro/postgres';
import { createMemoryStream } from '@kairro/stream';
import { buildAdminWorld, type AdminWorld } from './test-fixtures/admin-world.ts';

/**
 * The org's view of the AI tool catalog against real Postgres: effective attributes and the risk
 * score, overrides (validated, org-isolated), custom tools, decisions that are policy at once (the
 * extension's policy document from the ingest app on the same database), dismissed hosts, roles.
 */
let w: AdminWorld;
let configs: OrgConfigCache;
let ingest: FastifyInstance;
let extensionToken: string;

const catalog = new Map(builtInCatalog().map((t) => [t.id, t]));
const TOOLS = '/v1/admin/shadow-ai/tools';

beforeAll(async () => {
  w = await buildAdminWorld();
  configs = await createOrgConfigCache(w.sql, { fullReloadMs: 3_600_000 });
  ingest = await buildIngestApp({
    sql: w.sql,
    stream: createMemoryStream(),
    configs,
    tokens: createTokenService(randomUUID()),
    now: () => new Date(),
    newEventId: createEventIdGenerator(),
  });
  const license = await createLicense(w.sql, w.admin.orgId, { expiresAt: new Date(Date.now() + 86_400_000) });
  await configs.refresh(w.admin.orgId);
  const res = await ingest.inject({
    method: 'POST',
    url: '/v1/extension/register',
    payload: {
      licenseKey: license.key,
      endpointId: 'shadow-ai-endpoint',
      identity: { email: 'ann@a.example' },
    },
  });
  extensionToken = res.json<{ token: string }>().token;
});
afterAll(async () => {
  await ingest?.close();
  await configs?.close();
  await w?.close();
});

/** The extension's policy document once the org's config was reloaded (as NOTIFY would). */
const policyDoc = async () => {
  await configs.refresh(w.admin.orgId);
  const res = await ingest.inject({
    method: 'GET',
    url: '/v1/extension/policy',
    headers: { authorization: `Bearer ${extensionToken}` },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ version: string; approvedTools: any[]; unapprovedTools: any[]; watchedTools: any[] }>();
};
/** The document the extension gets now, with no explicit reload: as NOTIFY left the config. */
const servedPolicy = async () => {
  const res = await ingest.inject({
    method: 'GET',
    url: '/v1/extension/policy',
    headers: { authorization: `Bearer ${extensionToken}` },
  });
  return res.json<{ version: string; approvedTools: any[]; watchedTools: any[] }>();
};
const auditCount = async (orgId = w.admin.orgId) =>
  (await w.sql`select count(*)::int as n from audit_log where org_id = ${orgId}`)[0]!.n as number;

describe('the catalog as the org sees it', () => {
  it('lists every catalog tool by name, with risk and the default tools’ decisions', async () => {
    const res = await w.admin.get(TOOLS);
    expect(res.status).toBe(200);
    const tools: any[] = res.body.tools;
    expect(tools.length).toBe(catalog.size);
    const names = tools.map((t) => t.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const poe = tools.find((t) => t.id === 'poe');
    expect(poe).toMatchObject({ origin: 'catalog', overridden: [], decision: { status: 'UNAPPROVED' } });
    expect(poe.risk).toEqual(riskScore(catalog.get('poe')!.attributes));
    expect(tools.find((t) => t.id === 'cursor').decision).toBeNull();
  });

  it('filters by category, status and text', async () => {
    const coding = (await w.admin.get(`${TOOLS}?category=coding`)).body.tools;
    expect(coding.length).toBeGreaterThan(0);
    expect(coding.every((t: any) => t.category === 'coding')).toBe(true);
    const approved = (await w.admin.get(`${TOOLS}?status=approved`)).body.tools;
    expect(approved.map((t: any) => t.id)).toContain('claude');
    expect(approved.every((t: any) => t.decision?.status === 'APPROVED')).toBe(true);
    const unreviewed = (await w.admin.get(`${TOOLS}?status=unreviewed`)).body.tools;
    expect(unreviewed.every((t: any) => t.decision === null)).toBe(true);
    expect(unreviewed.map((t: any) => t.id)).not.toContain('claude');
    const byDomain = (await w.admin.get(`${TOOLS}?q=CHAT.OPENAI`)).body.tools;
    expect(byDomain.map((t: any) => t.id)).toEqual(['chatgpt']);
    expect((await w.admin.get(`${TOOLS}?status=maybe`)).status).toBe(400);
  });

  it('shows one tool with its score factors, and 404 for an unknown id', async () => {
    const res = await w.admin.get(`${TOOLS}/chatgpt`);
    expect(res.status).toBe(200);
    const entry = catalog.get('chatgpt')!;
    expect(res.body).toMatchObject({ id: 'chatgpt', name: entry.name, reviewed: entry.reviewed });
    expect(res.body.attributes).toEqual(JSON.parse(JSON.stringify(entry.attributes)));
    expect(res.body.risk.factors).toHaveLength(8);
    expect(res.body.risk.factors[0]).toMatchObject({ attribute: 'trainsOnUserData', max: 30 });
    const missing = await w.admin.get(`${TOOLS}/no-such-tool`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('attribute overrides', () => {
  const override = { trainsOnUserData: { value: 'yes' as const, note: 'Our contract lets them train' } };

  it('change the effective attributes and the score, for this org only', async () => {
    const res = await w.admin.request('PUT', `${TOOLS}/cursor/attributes`, { overrides: override });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const expected: RiskAttributes = { ...catalog.get('cursor')!.attributes, ...override };
    expect(res.body.attributes.trainsOnUserData).toEqual(override.trainsOnUserData);
    expect(res.body.overridden).toEqual(['trainsOnUserData']);
    expect(res.body.risk).toEqual(riskScore(expected));
    expect(res.body.risk.score).not.toBe(riskScore(catalog.get('cursor')!.attributes).score);

    const other = (await w.otherAdmin.get(`${TOOLS}/cursor`)).body;
    expect(other.overridden).toEqual([]);
    expect(other.risk).toEqual(riskScore(catalog.get('cursor')!.attributes));
    const audit = (await w.admin.get('/v1/admin/audit?entityType=tool')).body.entries[0];
    expect(audit.description).toContain('trainsOnUserData');
  });

  it('refuses an invalid value naming the attribute, and changes nothing', async () => {
    const before = [(await w.admin.get(`${TOOLS}/cursor`)).body, await auditCount()];
    for (const overrides of [
      { sso: { value: 'maybe' } },
      { hqJurisdiction: { value: 'usa' } },
      { vibes: { value: 'yes' } },
      { soc2: { value: 'yes', source: 'http://insecure.example' } },
    ]) {
      const res = await w.admin.request('PUT', `${TOOLS}/cursor/attributes`, { overrides });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(Object.keys(overrides)[0]);
    }
    expect([(await w.admin.get(`${TOOLS}/cursor`)).body, await auditCount()]).toEqual(before);
  });

  it('clears with {}', async () => {
    const res = await w.admin.request('PUT', `${TOOLS}/cursor/attributes`, { overrides: {} });
    expect(res.body.overridden).toEqual([]);
    expect(res.body.risk).toEqual(riskScore(catalog.get('cursor')!.attributes));
  });
});

describe('custom tools', () => {
  const tool = {
    id: 'acme-gpt',
    name: 'Acme GPT',
    vendor: 'Acme',
    category: 'chat',
    domains: ['gpt.acme.example'],
    urlPatterns: ['https://gpt.acme.example/*'],
    attributes: { sso: { value: 'yes' }, hqJurisdiction: { value: 'DE' } },
  };

  it('creates one with the missing attributes unknown, lists it, and refuses a taken id', async () => {
    const res = await w.admin.request('POST', TOOLS, tool);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ id: 'acme-gpt', origin: 'custom', reviewed: null, decision: null });
    expect(res.body.attributes.soc2).toEqual({ value: 'unknown' });
    expect(res.body.attributes.sso).toEqual({ value: 'yes' });
    const ids = (await w.admin.get(`${TOOLS}?q=acme`)).body.tools.map((t: any) => t.id);
    expect(ids).toEqual(['acme-gpt']);
    expect((await w.otherAdmin.get(`${TOOLS}/acme-gpt`)).status).toBe(404);

    expect((await w.admin.request('POST', TOOLS, tool)).status).toBe(409);
    expect((await w.admin.request('POST', TOOLS, { ...tool, id: 'chatgpt' })).status).toBe(409);
    const bad = await w.admin.request('POST', TOOLS, {
      ...tool,
      id: 'acme-2',
      attributes: { sso: { value: 'x' } },
    });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringContaining('sso.value')]);
  });

  it('are watched by the extension until decided on, reloaded by NOTIFY as soon as they change', async () => {
    const notes = {
      ...tool,
      id: 'acme-notes',
      name: 'Acme Notes',
      urlPatterns: ['https://notes.acme.example/*'],
    };
    const ids = (tools: any[]) => tools.map((t) => t.id);
    const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 5_000, interval: 50 });
    const before = await policyDoc();
    expect(ids(before.watchedTools)).toContain('acme-gpt');
    expect(before.watchedTools.find((t) => t.id === 'acme-gpt')).toEqual({
      id: 'acme-gpt',
      name: 'Acme GPT',
      urlPatterns: ['https://gpt.acme.example/*'],
    });

    expect((await w.admin.request('POST', TOOLS, notes)).status).toBe(201);
    await poll(async () => ids((await servedPolicy()).watchedTools)).toContain('acme-notes');
    expect((await servedPolicy()).version).not.toBe(before.version);
    // Watched before the catalog's tools, by name.
    expect(ids((await servedPolicy()).watchedTools).slice(0, 2)).toEqual(['acme-gpt', 'acme-notes']);

    // Decided on: in the org's lists, no longer watched.
    const decision = await w.admin.request('PUT', `${TOOLS}/acme-notes/decision`, { status: 'APPROVED' });
    expect(decision.status, JSON.stringify(decision.body)).toBe(200);
    await poll(async () => ids((await servedPolicy()).approvedTools)).toContain('acme-notes');
    expect(ids((await servedPolicy()).watchedTools)).not.toContain('acme-notes');

    // Unreviewed again, then deleted: the document is the one before.
    expect((await w.admin.request('DELETE', `${TOOLS}/acme-notes/decision`)).status).toBe(204);
    expect((await w.admin.request('DELETE', `${TOOLS}/acme-notes`)).status).toBe(204);
    await poll(async () => (await servedPolicy()).version).toBe(before.version);
  });

  it('deletes a custom tool only (400 for a catalog tool)', async () => {
    expect((await w.admin.request('DELETE', `${TOOLS}/chatgpt`)).status).toBe(400);
    expect((await w.admin.request('DELETE', `${TOOLS}/acme-gpt`)).status).toBe(204);
    expect((await w.admin.get(`${TOOLS}/acme-gpt`)).status).toBe(404);
    expect((await w.admin.request('DELETE', `${TOOLS}/acme-gpt`)).status).toBe(404);
  });
});

describe('decisions are policy at once', () => {
  it('approving a catalog tool puts it in the extension’s policy document', async () => {
    const before = await policyDoc();
    expect(before.approvedTools.map((t) => t.id)).not.toContain('cursor');
    const res = await w.admin.request('PUT', `${TOOLS}/cursor/decision`, { status: 'APPROVED' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decision).toMatchObject({
      status: 'APPROVED',
      applyPolicies: true,
      urlPatterns: catalog.get('cursor')!.urlPatterns,
    });
    const after = await policyDoc();
    expect(after.version).not.toBe(before.version);
    expect(after.approvedTools).toContainEqual({
      id: 'cursor',
      name: catalog.get('cursor')!.name,
      urlPatterns: catalog.get('cursor')!.urlPatterns,
      applyPolicies: true,
    });
  });

  it('unapproving with an action moves it, with the tool’s risk level as the default severity', async () => {
    const res = await w.admin.request('PUT', `${TOOLS}/cursor/decision`, {
      status: 'UNAPPROVED',
      action: 'WARN',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decision).toMatchObject({
      status: 'UNAPPROVED',
      action: 'WARN',
      severity: res.body.risk.level,
    });
    const doc = await policyDoc();
    expect(doc.approvedTools.map((t) => t.id)).not.toContain('cursor');
    expect(doc.unapprovedTools).toContainEqual(
      expect.objectContaining({ id: 'cursor', action: 'WARN', severity: res.body.risk.level }),
    );
    const noAction = await w.admin.request('PUT', `${TOOLS}/cursor/decision`, { status: 'UNAPPROVED' });
    expect(noAction.status).toBe(400);
  });

  it('clearing a decision makes the tool unreviewed; 409 while a policy names it', async () => {
    const policy = await w.admin.request('POST', '/v1/admin/policies', {
      name: 'No Cursor',
      type: 'OTHER',
      status: 'ACTIVE',
      priority: 50,
      rules: [{ kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: ['cursor'] } }],
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const refused = await w.admin.request('DELETE', `${TOOLS}/cursor/decision`);
    expect([refused.status, refused.body.error.message]).toEqual([
      409,
      expect.stringContaining('"No Cursor"'),
    ]);
    expect((await w.admin.request('DELETE', `/v1/admin/policies/${policy.body.id}`)).status).toBe(204);

    expect((await w.admin.request('DELETE', `${TOOLS}/cursor/decision`)).status).toBe(204);
    expect((await w.admin.get(`${TOOLS}/cursor`)).body.decision).toBeNull();
    const doc = await policyDoc();
    expect([...doc.approvedTools, ...doc.unapprovedTools].map((t) => t.id)).not.toContain('cursor');
    expect((await w.admin.request('DELETE', `${TOOLS}/cursor/decision`)).status).toBe(404);
  });

  it('deciding on a discovered host creates the host’s tool', async () => {
    const res = await w.admin.request('PUT', `${TOOLS}/chat.example-ai.dev/decision`, {
      status: 'UNAPPROVED',
      action: 'BLOCK',
      severity: 'HIGH',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: 'chat.example-ai.dev',
      name: 'chat.example-ai.dev',
      origin: 'custom',
    });
    expect(res.body.decision.urlPatterns).toEqual(['https://chat.example-ai.dev/*']);
    expect((await listTools(w.sql, w.admin.orgId)).find((t) => t.id === 'chat.example-ai.dev')).toMatchObject(
      {
        status: 'UNAPPROVED',
        action: 'BLOCK',
        severity: 'HIGH',
        urlPatterns: ['https://chat.example-ai.dev/*'],
      },
    );
    expect((await policyDoc()).unapprovedTools).toContainEqual(
      expect.objectContaining({ id: 'chat.example-ai.dev', action: 'BLOCK' }),
    );
    const listed = (await w.admin.get(`${TOOLS}?status=unapproved`)).body.tools.map((t: any) => t.id);
    expect(listed).toContain('chat.example-ai.dev');
    // A catalog tool's host is decided through the catalog tool.
    expect(
      (await w.admin.request('PUT', `${TOOLS}/chatgpt.com/decision`, { status: 'APPROVED' })).status,
    ).toBe(400);
  });
});

describe('dismissed hosts', () => {
  const path = (host: string) => `/v1/admin/shadow-ai/discovered/${host}/dismiss`;

  it('dismisses and shows again, idempotently and for this org only', async () => {
    expect((await w.admin.request('POST', path('new-ai.example'))).status).toBe(204);
    expect((await w.admin.request('POST', path('new-ai.example'))).status).toBe(204);
    expect((await w.admin.get('/v1/admin/shadow-ai/dismissed')).body).toEqual({ hosts: ['new-ai.example'] });
    expect(await listDismissedHosts(w.sql, w.otherAdmin.orgId)).toEqual([]);
    expect((await w.admin.request('DELETE', path('new-ai.example'))).status).toBe(204);
    expect((await w.admin.get('/v1/admin/shadow-ai/dismissed')).body).toEqual({ hosts: [] });
    expect((await w.admin.request('POST', path('Not A Host'))).status).toBe(400);
  });
});

describe('roles', () => {
  it('lets a viewer read but not write', async () => {
    expect((await w.viewer.get(TOOLS)).status).toBe(200);
    const before = await auditCount();
    for (const [method, url, body] of [
      ['PUT', `${TOOLS}/cursor/attributes`, { overrides: {} }],
      [
        'POST',
        TOOLS,
        { id: 'v-tool', name: 'V', category: 'chat', domains: [], urlPatterns: ['https://v.example/*'] },
      ],
      ['DELETE', `${TOOLS}/v-tool`, undefined],
      ['PUT', `${TOOLS}/cursor/decision`, { status: 'APPROVED' }],
      ['DELETE', `${TOOLS}/poe/decision`, undefined],
      ['POST', '/v1/admin/shadow-ai/discovered/x.example/dismiss', undefined],
      ['DELETE', '/v1/admin/shadow-ai/discovered/x.example/dismiss', undefined],
    ] as const) {
      const res = await w.viewer.request(method, url, body);
      expect([method, url, res.status]).toEqual([method, url, 403]);
    }
    expect(await auditCount()).toBe(before);
  });
});
