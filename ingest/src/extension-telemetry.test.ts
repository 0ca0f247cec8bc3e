import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createDiskStream } from '@kairro/stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIngestApp } from './app.ts';
import { ingestWorld } from './test-fixtures/app-world.ts';
import { tool } from './test-fixtures/org.ts';

/** The extension's telemetry routes: sightings and WARN overrides, as published to the stream. */
let app: FastifyInstance;
let w: ReturnType<typeof ingestWorld>;
beforeEach(async () => {
  w = ingestWorld();
  w.setConfig({ retentionDays: 30, teams: new Map([['ana@acme.com', 'Red']]) });
  app = await buildIngestApp(w.deps);
});
afterEach(() => app.close());

const NOW = '2026-06-01T00:00:00.000Z';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const post = async (url: string, payload: unknown, token?: string | null) =>
  app.inject({
    method: 'POST',
    url,
    headers: token === null ? {} : { authorization: `Bearer ${token ?? (await w.token())}` },
    payload: payload as object,
  });

const sighting = (over: Record<string, unknown> = {}) => ({
  id: 'c0ffee00-0000-4000-8000-000000000001',
  url: 'https://shadow.example/chat/42?q=secret#frag',
  signal: 'catalog',
  appliedAction: 'WARN',
  occurredAt: '2026-05-31T23:00:00.000Z',
  ...over,
});
const sightings = (events: unknown[], token?: string | null) =>
  post('/v1/extension/shadow-event', { events }, token);
const shadowRecords = () => w.values('kairro.shadow-ai-events') as Array<Record<string, unknown>>;
const pick = ({ tool, url_host, category, action, severity, source, detail }: Record<string, unknown>) => ({
  tool,
  url_host,
  category,
  action,
  severity,
  source,
  detail,
});

describe('POST /v1/extension/shadow-event', () => {
  it('classifies a sighting of an unapproved tool by the org’s list and records it once', async () => {
    const res = await sightings([sighting()]);
    expect([res.statusCode, res.json()]).toEqual([202, { accepted: 1 }]);
    const [record] = shadowRecords();
    expect(record).toEqual({
      event_id: expect.stringMatching(UUID_V7),
      org_id: 'org-1',
      occurred_at: '2026-05-31T23:00:00.000Z',
      endpoint_id: 'ep-1',
      user_email: 'ana@acme.com',
      team: 'Red',
      tool: 'shadow',
      url_host: 'shadow.example',
      category: '',
      action: 'WARN',
      severity: 'MEDIUM',
      source: 'extension',
      detail: '',
      retention_days: 30,
    });
    expect(w.published[0]?.records[0]?.key).toBe('org-1');
    expect(JSON.stringify(w.published)).not.toContain('secret');
  });

  it('records unknown hosts as their own tool: heuristic guesses as such, list hits as extension', async () => {
    w.setConfig({
      tools: [
        ...w.deps.configs.get('org-1')!.tools,
        tool({ id: 'blocked', status: 'UNAPPROVED', action: 'BLOCK', severity: 'HIGH' }),
      ],
    });
    const res = await sightings([
      sighting({ id: 'a', url: 'https://New-AI.example/x', signal: 'heuristic', appliedAction: 'ALLOW' }),
      sighting({ id: 'b', url: 'http://other-ai.example/', signal: 'catalog', appliedAction: 'WARN' }),
      sighting({ id: 'c', url: 'https://claude.ai/new', appliedAction: 'ALLOW' }),
      sighting({ id: 'd', url: 'https://blocked.example/', appliedAction: 'WARN' }),
    ]);
    expect(res.json()).toEqual({ accepted: 4 });
    expect(shadowRecords().map(pick)).toEqual([
      {
        tool: 'new-ai.example',
        url_host: 'new-ai.example',
        category: '',
        action: 'ALLOW',
        severity: 'NONE',
        source: 'heuristic',
        detail: '',
      },
      {
        tool: 'other-ai.example',
        url_host: 'other-ai.example',
        category: '',
        action: 'WARN',
        severity: 'NONE',
        source: 'extension',
        detail: '',
      },
      // An org tool whose id is a catalog id has the catalog's category.
      {
        tool: 'claude',
        url_host: 'claude.ai',
        category: 'chat',
        action: 'ALLOW',
        severity: 'NONE',
        source: 'extension',
        detail: '',
      },
      // The extension's policy was stale: the org's action is recorded, and what was applied.
      {
        tool: 'blocked',
        url_host: 'blocked.example',
        category: '',
        action: 'BLOCK',
        severity: 'HIGH',
        source: 'extension',
        detail: '[applied WARN]',
      },
    ]);
  });

  it('names a catalog tool the org never listed by its catalog id and category, unrated', async () => {
    const res = await sightings([
      sighting({
        id: 'a',
        url: 'https://www.perplexity.ai/search/x',
        appliedAction: 'ALLOW',
        detail: 'Perplexity',
      }),
      // The heuristic fired on a page the catalog knows: the catalog names it.
      sighting({ id: 'b', url: 'https://poe.com/chat/1', signal: 'heuristic', appliedAction: 'ALLOW' }),
      // The org's own list comes first, even on a catalog tool's site.
      sighting({ id: 'c', url: 'https://shadow.example/' }),
    ]);
    expect(res.json()).toEqual({ accepted: 3 });
    expect(shadowRecords().map(pick)).toEqual([
      {
        tool: 'perplexity',
        url_host: 'www.perplexity.ai',
        category: 'search',
        action: 'ALLOW',
        severity: 'NONE',
        source: 'extension',
        detail: 'Perplexity',
      },
      {
        tool: 'poe',
        url_host: 'poe.com',
        category: 'chat',
        action: 'ALLOW',
        severity: 'NONE',
        source: 'extension',
        detail: '',
      },
      {
        tool: 'shadow',
        url_host: 'shadow.example',
        category: '',
        action: 'WARN',
        severity: 'MEDIUM',
        source: 'extension',
        detail: '',
      },
    ]);
  });

  it('names a sighting on an org’s custom tool by its id and category, after the org’s lists, before the catalog', async () => {
    const custom = (id: string, category: string, urlPatterns: string[]) => ({
      id,
      name: id,
      category,
      urlPatterns,
    });
    w.setConfig({
      customTools: [
        custom('acme-gpt', 'chat', ['https://gpt.acme.example/*']),
        // Same pages as the org's unapproved tool `shadow`: the decision wins.
        custom('shadow-copy', 'writing', ['https://shadow.example/*']),
        // Over a catalog tool's pages: the org's own description wins.
        custom('poe-internal', 'coding', ['https://poe.com/internal/*']),
        // Decided on (an approved tool of the org): named by the decision, with its category.
        custom('corp', 'agents', ['https://corp.example/*']),
      ],
    });
    const res = await sightings([
      sighting({ id: 'a', url: 'https://gpt.acme.example/c/1', signal: 'heuristic', appliedAction: 'ALLOW' }),
      sighting({ id: 'b', url: 'https://shadow.example/' }),
      sighting({ id: 'c', url: 'https://poe.com/internal/x', appliedAction: 'ALLOW' }),
      sighting({ id: 'd', url: 'https://poe.com/chat/1', appliedAction: 'ALLOW' }),
      sighting({ id: 'e', url: 'https://corp.example/', appliedAction: 'ALLOW' }),
    ]);
    expect(res.json()).toEqual({ accepted: 5 });
    const unrated = { action: 'ALLOW', severity: 'NONE', source: 'extension', detail: '' };
    expect(shadowRecords().map(pick)).toEqual([
      { tool: 'acme-gpt', url_host: 'gpt.acme.example', category: 'chat', ...unrated },
      {
        tool: 'shadow',
        url_host: 'shadow.example',
        category: '',
        action: 'WARN',
        severity: 'MEDIUM',
        source: 'extension',
        detail: '',
      },
      { tool: 'poe-internal', url_host: 'poe.com', category: 'coding', ...unrated },
      { tool: 'poe', url_host: 'poe.com', category: 'chat', ...unrated },
      { tool: 'corp', url_host: 'corp.example', category: 'agents', ...unrated },
    ]);
  });

  it('redacts the detail with the org’s DLP and takes a future time as now', async () => {
    await sightings([
      sighting({ detail: 'upload by bob@corp-mail.com of q3.xlsx', occurredAt: '2026-06-01T05:00:00.000Z' }),
    ]);
    const [record] = shadowRecords();
    expect(record?.detail).toBe('upload by [EMAIL] of q3.xlsx');
    expect(record?.occurred_at).toBe(NOW);
    // The id keeps the time as sent, so a retry of the sighting has the same id.
    const ms = parseInt(String(record?.event_id).replace(/-/g, '').slice(0, 12), 16);
    expect(new Date(ms).toISOString()).toBe('2026-06-01T05:00:00.000Z');
  });

  it('gives a retried sighting the same event id, and no other endpoint or org that id', async () => {
    const batch = [sighting({ id: 'x-1' }), sighting({ id: 'x-2' }), sighting({ id: 'x-1' })];
    expect((await sightings(batch)).json()).toEqual({ accepted: 2 });
    await sightings(batch);
    w.setConfig({}, 'org-2');
    await sightings(batch, await w.token({ endpointId: 'ep-2' }));
    await sightings(batch, await w.token({ orgId: 'org-2' }));
    const ids = shadowRecords().map((r) => r.event_id);
    expect(ids).toHaveLength(8);
    expect(ids.slice(2, 4)).toEqual(ids.slice(0, 2));
    expect(new Set(ids).size).toBe(6);
    expect(
      shadowRecords()
        .slice(6)
        .map((r) => r.org_id),
    ).toEqual(['org-2', 'org-2']);
  });

  it('refuses without a valid token (401) and publishes nothing', async () => {
    for (const token of [null, 'not-a-token', await w.token({ orgId: 'gone' })]) {
      const res = await sightings([sighting()], token);
      expect([res.statusCode, res.json().error.code]).toEqual([401, 'INVALID_TOKEN']);
    }
    expect(w.published).toEqual([]);
  });

  it.each([
    ['no sightings', [], /events/],
    ['more than 50 sightings', Array.from({ length: 51 }, (_, i) => sighting({ id: `s${i}` })), /events/],
    ['an unknown field', [sighting({ tabId: 1 })], /additional/],
    ['an unknown signal', [sighting({ signal: 'dns' })], /signal/],
    ['MASK as the applied action', [sighting({ appliedAction: 'MASK' })], /appliedAction/],
    ['a URL that is not http(s)', [sighting(), sighting({ url: 'ftp://x.example/' })], /events\[1\]\.url/],
    ['a URL over 2048 characters', [sighting({ url: `https://x.example/${'a'.repeat(2048)}` })], /url/],
    ['a time that is not ISO-8601', [sighting({ occurredAt: 'yesterday' })], /occurredAt/],
    [
      'a sighting older than 7 days',
      [sighting(), sighting({ occurredAt: '2026-05-24T23:59:59.000Z' })],
      /events\[1\]\.occurredAt .*7 days/,
    ],
    ['a detail over 200 characters', [sighting({ detail: 'd'.repeat(201) })], /detail/],
    ['an id with spaces', [sighting({ id: 'a b' })], /id/],
  ])('refuses %s (400) and publishes nothing', async (_, events, message) => {
    const res = await sightings(events);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toMatch(message);
    expect(w.published).toEqual([]);
  });
});

const override = (body: Record<string, unknown>, token?: string | null) =>
  post(
    '/v1/extension/warn-override',
    { eventId: '0190F1E0-0000-7000-8000-0000000000AA', justification: 'client asked for it', ...body },
    token,
  );

describe('POST /v1/extension/warn-override', () => {
  it('records who overrode which event, when, with the justification redacted and cut', async () => {
    const justification = `send to bob@corp-mail.com, ${'because '.repeat(120)}`;
    const res = await override({ justification });
    expect([res.statusCode, res.json()]).toEqual([202, { recorded: true }]);
    expect(w.published.map((p) => p.topic)).toEqual(['kairro.warn-overrides']);
    const [record] = w.values('kairro.warn-overrides') as Array<Record<string, string>>;
    expect(record).toEqual({
      event_id: '0190f1e0-0000-7000-8000-0000000000aa',
      org_id: 'org-1',
      occurred_at: NOW,
      endpoint_id: 'ep-1',
      user_email: 'ana@acme.com',
      team: 'Red',
      justification: expect.stringMatching(/^send to \[EMAIL\], because because .*…$/),
      retention_days: 30,
    });
    expect(record?.justification).toHaveLength(500);
    expect(JSON.stringify(w.published)).not.toContain('bob@corp-mail.com');
  });

  it('files the override under the token’s org, whatever the body says', async () => {
    w.setConfig({}, 'org-2');
    await override({}, await w.token({ orgId: 'org-2', email: 'zed@b.example' }));
    expect(w.values('kairro.warn-overrides')).toEqual([
      expect.objectContaining({
        org_id: 'org-2',
        user_email: 'zed@b.example',
        team: '',
        retention_days: 400,
      }),
    ]);
    const res = await override({ orgId: 'org-1' });
    expect(res.statusCode).toBe(400);
  });

  it('refuses without a valid token (401) and publishes nothing', async () => {
    for (const token of [null, 'not-a-token']) expect((await override({}, token)).statusCode).toBe(401);
    expect(w.published).toEqual([]);
  });

  it.each([
    ['an event id that is not a UUID', { eventId: 'evt-1' }, /eventId/],
    ['an empty justification', { justification: '' }, /justification/],
    ['a blank justification', { justification: '   ' }, /justification/],
    ['a justification over 1000 characters', { justification: 'j'.repeat(1001) }, /justification/],
    ['a missing event id', { eventId: undefined }, /eventId/],
  ])('refuses %s (400) and publishes nothing', async (_, body, message) => {
    const res = await override(body);
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.json().error.message).toMatch(message);
    expect(w.published).toEqual([]);
  });
});

describe('a full stream', () => {
  it('refuses telemetry with 503 and Retry-After (nothing recorded) and counts it', async () => {
    await app.close();
    const stream = createDiskStream({ dir: mkdtempSync(join(tmpdir(), 'kairro-full-')), maxBytes: 600 });
    app = await buildIngestApp({ ...w.deps, stream });
    try {
      await stream.publish('filler', [{ key: 'k', value: 'x'.repeat(500) }]);
      for (const res of [await sightings([sighting()]), await override({})]) {
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('30');
        expect(res.json().error).toEqual({
          code: 'UNAVAILABLE',
          message: expect.stringMatching(/send the same request again/i),
        });
      }
      const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toContain('kairro_ingest_telemetry_refused_total{topic="kairro.shadow-ai-events"} 1');
      expect(metrics).toContain('kairro_ingest_telemetry_refused_total{topic="kairro.warn-overrides"} 1');
    } finally {
      await app.close();
      await stream.close();
    }
  });
});

describe('telemetry rate limit', () => {
  it('refuses a browser past 60 requests a minute to a route with 429 and Retry-After, records nothing more, and leaves other browsers and evaluate alone', async () => {
    const token = await w.token();
    for (let i = 0; i < 60; i++) {
      const res = await post('/v1/extension/shadow-event', { events: [sighting({ id: `s-${i}` })] }, token);
      expect(res.statusCode).toBe(202);
    }
    const published = w.published.length;
    const refused = await post('/v1/extension/shadow-event', { events: [sighting({ id: 's-60' })] }, token);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(w.published).toHaveLength(published);

    const other = await w.token({ endpointId: 'ep-2' });
    const fromOther = await post('/v1/extension/shadow-event', { events: [sighting()] }, other);
    expect(fromOther.statusCode).toBe(202);
    const evaluate = await app.inject({
      method: 'POST',
      url: '/v1/extension/evaluate',
      headers: { authorization: `Bearer ${token}` },
      payload: { url: 'https://chatgpt.com/', prompt: 'hello' },
    });
    expect(evaluate.statusCode).toBe(200);
  });
});
