import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildIngestApp,
  createEventIdGenerator,
  createOrgConfigCache,
  createTokenService,
  type OrgConfigCache,
} from '@kairro/ingest';
import { createLicense, createOrg, createSession, createUser } from '@kairro/postgres';
import { createMemoryStream } from '@kairro/stream';
import { startClickHouseWriter } from '../../../pipelines/src/clickhouse-writer.ts';
import { buildApiApp } from '../app.ts';
import { startTestStores, type TestStores } from '../test-fixtures/stores.ts';

/**
 * The extension's telemetry end to end on real Postgres, chDB and HTTP: ingest takes sightings and
 * a WARN override, the ClickHouse writer stores them, and the admin API shows them to their org
 * only (the event drill-down, the SQL workbench).
 */
interface Org {
  orgId: string;
  cookie: string;
  token: string;
}

let stores: TestStores;
let configs: OrgConfigCache;
let ingest: FastifyInstance;
let api: FastifyInstance;
let ingestUrl: string;
let a: Org;
let b: Org;
const sent: { warnA: string; warnB: string; allowA: string; sightingIds: string[] } = {
  warnA: '',
  warnB: '',
  allowA: '',
  sightingIds: [],
};

const ingestPost = async (path: string, token: string, body: unknown) => {
  const res = await fetch(`${ingestUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

async function makeOrg(name: string, email: string): Promise<Org> {
  const { sql } = stores;
  const orgId = await createOrg(sql, { name, slug: `${name}-${randomUUID().slice(0, 8)}` });
  const license = await createLicense(sql, orgId, { expiresAt: new Date(Date.now() + 86_400_000 * 365) });
  const userId = await createUser(sql, {
    orgId,
    email: `admin@${name}.example`,
    passwordHash: 'x',
    role: 'ANALYST',
  });
  const session = await createSession(sql, { userId, orgId, ttlSeconds: 3600 });
  await configs.refresh(orgId);
  const res = await fetch(`${ingestUrl}/v1/extension/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ licenseKey: license.key, endpointId: `ep-${name}-0001`, identity: { email } }),
  });
  const { token } = (await res.json()) as { token: string };
  return { orgId, cookie: `kairro_session=${session}`, token };
}

const evaluate = async (org: Org, url: string) =>
  (await ingestPost('/v1/extension/evaluate', org.token, { url, prompt: 'hello there' })).body as {
    eventId: string;
    action: string;
  };

beforeAll(async () => {
  stores = await startTestStores();
  const stream = createMemoryStream();
  const writer = await startClickHouseWriter({
    stream,
    clickhouse: stores.ch.client,
    logger: { error: (obj, msg) => console.error(msg, obj) },
  });
  configs = await createOrgConfigCache(stores.sql, { fullReloadMs: 3_600_000 });
  ingest = await buildIngestApp({
    sql: stores.sql,
    stream,
    configs,
    tokens: createTokenService(randomUUID()),
    now: () => new Date(),
    newEventId: createEventIdGenerator(),
  });
  ingestUrl = await ingest.listen({ host: '127.0.0.1', port: 0 });
  api = await buildApiApp({ sql: stores.sql, clickhouse: stores.ch, secureCookies: false });
  a = await makeOrg('a', 'ana@a.example');
  b = await makeOrg('b', 'bo@b.example');

  // Poe is an unapproved tool with WARN in every new org's defaults.
  const warnA = await evaluate(a, 'https://poe.com/chat/1');
  const warnB = await evaluate(b, 'https://poe.com/chat/2');
  const allowA = await evaluate(a, 'https://claude.ai/new');
  expect([warnA.action, warnB.action, allowA.action]).toEqual(['WARN', 'WARN', 'ALLOW']);
  Object.assign(sent, { warnA: warnA.eventId, warnB: warnB.eventId, allowA: allowA.eventId });

  const override = (org: Org, eventId: string, justification: string) =>
    ingestPost('/v1/extension/warn-override', org.token, { eventId, justification });
  expect((await override(a, sent.warnA, 'customer bob@corp-mail.com is waiting')).status).toBe(202);
  expect((await override(a, sent.warnA, 'second thoughts')).status).toBe(202); // one per event
  expect((await override(b, sent.warnB, 'org b reason')).status).toBe(202);
  // Org B names org A's event: it is filed under org B, where no such event exists.
  expect((await override(b, sent.warnA, 'ORGB_MARK')).status).toBe(202);

  const now = new Date().toISOString();
  const batch = [
    {
      id: randomUUID(),
      url: 'https://poe.com/chat/9',
      signal: 'catalog',
      appliedAction: 'WARN',
      occurredAt: now,
    },
    {
      id: randomUUID(),
      url: 'https://new-ai.example/x',
      signal: 'heuristic',
      appliedAction: 'ALLOW',
      occurredAt: now,
    },
  ];
  sent.sightingIds = batch.map((s) => s.id);
  for (let i = 0; i < 2; i++) {
    const res = await ingestPost('/v1/extension/shadow-event', a.token, { events: batch }); // and its retry
    expect([res.status, res.body]).toEqual([202, { accepted: 2 }]);
  }
  const sightingB = { ...batch[0], detail: 'ORGB_MARK' };
  expect((await ingestPost('/v1/extension/shadow-event', b.token, { events: [sightingB] })).status).toBe(202);

  // Everything published reaches ClickHouse before the assertions.
  await ingest.close();
  await stream.close();
  await writer.stop();
});

afterAll(async () => {
  await api?.close();
  await ingest?.close();
  await configs?.close();
  await stores?.close();
});

const adminGet = async (org: Org, url: string) => {
  const res = await api.inject({ method: 'GET', url, headers: { cookie: org.cookie } });
  return { status: res.statusCode, body: res.json() };
};
const workbench = async (org: Org, query: string) => {
  const res = await api.inject({
    method: 'POST',
    url: '/v1/admin/sql',
    headers: { cookie: org.cookie },
    payload: { sql: query },
  });
  expect(res.statusCode).toBe(200);
  return res.json().rows as unknown[][];
};

describe('WARN overrides', () => {
  it('show in the event drill-down: the first justification, redacted', async () => {
    const res = await adminGet(a, `/v1/admin/events/${sent.warnA}/dlp`);
    expect(res.status).toBe(200);
    expect(res.body.override).toEqual({
      justification: 'customer [EMAIL] is waiting',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      userEmail: 'ana@a.example',
    });
    expect((await adminGet(a, `/v1/admin/events/${sent.allowA}/dlp`)).body.override).toBeNull();
    expect((await adminGet(b, `/v1/admin/events/${sent.warnB}/dlp`)).body.override).toMatchObject({
      justification: 'org b reason',
    });
  });

  it('stay with their org: another org sees neither the event nor the override', async () => {
    expect((await adminGet(b, `/v1/admin/events/${sent.warnA}/dlp`)).status).toBe(404);
    expect(await workbench(a, 'SELECT justification FROM warn_overrides ORDER BY occurred_at')).toEqual([
      ['customer [EMAIL] is waiting'],
    ]);
    const ofB = await workbench(
      b,
      'SELECT toString(event_id), justification FROM warn_overrides ORDER BY justification',
    );
    expect(ofB).toEqual([
      [sent.warnA, 'ORGB_MARK'],
      [sent.warnB, 'org b reason'],
    ]);
  });

  it('are listed among the workbench’s tables', async () => {
    const res = await api.inject({
      method: 'GET',
      url: '/v1/admin/sql/schema',
      headers: { cookie: a.cookie },
    });
    const table = res.json().tables.find((t: { name: string }) => t.name === 'warn_overrides');
    expect(table.columns.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['org_id', 'event_id', 'occurred_at', 'user_email', 'team', 'justification']),
    );
  });
});

describe('sightings', () => {
  it('land once per sighting, classified by the org’s tools, in their org only', async () => {
    const rows = await workbench(
      a,
      "SELECT tool, url_host, action, severity, source, user_email FROM shadow_ai_events WHERE source != 'dlp' ORDER BY tool",
    );
    expect(rows).toEqual([
      ['new-ai.example', 'new-ai.example', 'ALLOW', 'NONE', 'heuristic', 'ana@a.example'],
      ['poe', 'poe.com', 'WARN', 'MEDIUM', 'extension', 'ana@a.example'],
    ]);
    expect(JSON.stringify(await workbench(a, 'SELECT * FROM shadow_ai_events'))).not.toContain('ORGB_MARK');
    expect(await workbench(b, "SELECT tool, detail FROM shadow_ai_events WHERE source != 'dlp'")).toEqual([
      ['poe', 'ORGB_MARK'],
    ]);
  });

  it('count once in the AI tool inventory, retries included', async () => {
    const res = await adminGet(a, '/v1/admin/analytics/ai-tools');
    const byTool = Object.fromEntries(res.body.tools.map((t: { tool: string }) => [t.tool, t]));
    // Poe: one WARN evaluation and one sighting; the unknown host: one sighting.
    expect(byTool['poe']).toMatchObject({ events: 2, prompts: 1, warned: 2 });
    expect(byTool['new-ai.example']).toMatchObject({ events: 1, prompts: 0, warned: 0 });
  });
});
