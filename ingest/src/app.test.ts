import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIngestApp } from './app.ts';
import { ingestWorld, tools } from './test-fixtures/app-world.ts';
import { tool } from './test-fixtures/org.ts';

let app: FastifyInstance;
let w: ReturnType<typeof ingestWorld>;
beforeEach(async () => {
  w = ingestWorld();
  app = await buildIngestApp(w.deps);
});
afterEach(() => app.close());

describe('GET /v1/extension/policy', () => {
  const get = async (headers: Record<string, string> = {}, token?: string) =>
    app.inject({
      method: 'GET',
      url: '/v1/extension/policy',
      headers: { authorization: `Bearer ${token ?? (await w.token())}`, ...headers },
    });

  it('answers the tools with an ETag, then 304 for that ETag in any form', async () => {
    const first = await get();
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(Object.keys(body)).toEqual(['version', 'approvedTools', 'unapprovedTools', 'watchedTools']);
    expect(body.approvedTools.map((t: { id: string }) => t.id)).toEqual(['claude', 'corp']);
    expect(body.unapprovedTools).toEqual([
      {
        id: 'shadow',
        name: 'shadow',
        urlPatterns: ['https://shadow.example/*'],
        action: 'WARN',
        severity: 'MEDIUM',
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Mask emails|Pastes|rule/);
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${body.version}"`);
    expect(first.headers['cache-control']).toBe('no-cache');

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get({ 'if-none-match': ifNoneMatch });
      expect(again.statusCode, ifNoneMatch).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
    }
    expect((await get({ 'if-none-match': '"stale"' })).statusCode).toBe(200);
  });

  it('watches the catalog tools in neither list, by id', async () => {
    const { watchedTools } = (await get()).json() as { watchedTools: Array<{ id: string }> };
    const ids = watchedTools.map((t) => t.id);
    expect(ids).toContain('chatgpt');
    // claude is in the org's approved list; shadow and corp are not catalog ids.
    expect(ids).not.toContain('claude');
    expect(watchedTools.find((t) => t.id === 'poe')).toEqual({
      id: 'poe',
      name: 'Poe',
      urlPatterns: ['https://poe.com/*'],
    });
    w.setConfig({ tools: [...tools, tool({ id: 'poe', status: 'UNAPPROVED' })] });
    expect((await get()).json().watchedTools.map((t: { id: string }) => t.id)).not.toContain('poe');
  });

  it('watches the org’s undecided custom tools before the catalog’s, and changes its ETag with them', async () => {
    const etag = (await get()).headers.etag as string;
    const acme = {
      id: 'acme-gpt',
      name: 'Acme GPT',
      category: 'chat',
      urlPatterns: ['https://gpt.acme.example/*'],
    };
    // `corp` has a decision (approved): it is not watched, whatever its custom tool says.
    const corp = { id: 'corp', name: 'Corp', category: 'chat', urlPatterns: ['https://corp.example/*'] };
    w.setConfig({ customTools: [acme, corp] });
    const res = await get({ 'if-none-match': etag });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).not.toBe(etag);
    const { watchedTools } = res.json() as { watchedTools: Array<{ id: string }> };
    expect(watchedTools[0]).toEqual({
      id: 'acme-gpt',
      name: 'Acme GPT',
      urlPatterns: ['https://gpt.acme.example/*'],
    });
    expect(watchedTools.map((t) => t.id)).not.toContain('corp');
    expect(watchedTools.map((t) => t.id).indexOf('chatgpt')).toBeGreaterThan(0);
    // Deciding on it moves it to the org's lists: a new document again.
    w.setConfig({ tools: [...tools, tool({ id: 'acme-gpt', status: 'UNAPPROVED' })], customTools: [acme] });
    const decided = await get({ 'if-none-match': res.headers.etag as string });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().watchedTools.map((t: { id: string }) => t.id)).not.toContain('acme-gpt');
    // Deleted: the document as before.
    w.setConfig({ customTools: [] });
    expect((await get({ 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('changes its ETag when the tools change, not when a policy does', async () => {
    const etag = (await get()).headers.etag as string;
    w.setConfig({ policies: [] });
    expect((await get({ 'if-none-match': etag })).statusCode).toBe(304);
    w.setConfig({ tools: tools.slice(0, 2) });
    const changed = await get({ 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().unapprovedTools).toEqual([]);
  });

  it('refuses a missing or bad token (401) and an unusable license (403)', async () => {
    const noToken = await app.inject({ method: 'GET', url: '/v1/extension/policy' });
    expect([noToken.statusCode, noToken.json().error.code]).toEqual([401, 'INVALID_TOKEN']);
    expect((await get({}, 'not-a-token')).statusCode).toBe(401);
    expect((await get({}, await w.token({ orgId: 'gone' }))).json().error.code).toBe('INVALID_TOKEN');

    const licenses = (status: 'ACTIVE' | 'EXPIRED' | 'REVOKED', expiresAt = '2030-01-01T00:00:00.000Z') =>
      new Map([['lic-1', { status, expiresAt }]]);
    const cases = [
      [licenses('REVOKED'), 'LICENSE_REVOKED'],
      [licenses('EXPIRED'), 'LICENSE_EXPIRED'],
      [licenses('ACTIVE', '2026-05-31T00:00:00.000Z'), 'LICENSE_EXPIRED'],
      [new Map(), 'LICENSE_REVOKED'],
    ] as const;
    for (const [map, code] of cases) {
      w.setConfig({ licenses: map });
      const res = await get();
      expect([res.statusCode, res.json().error.code]).toEqual([403, code]);
      expect(res.json().error.message).toMatch(/Contact your admin/);
    }
  });
});

// On the event loop and on a decision thread: the same answers and records.
describe.each([0, 1])('POST /v1/extension/evaluate, %i decision threads', (decisionThreads) => {
  beforeEach(async () => {
    await app.close();
    app = await buildIngestApp({ ...w.deps, decisionThreads });
  });
  const evaluate = async (body: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/v1/extension/evaluate',
      headers: { authorization: `Bearer ${await w.token()}` },
      payload: { url: 'https://claude.ai/chat/1', prompt: 'hello', ...body },
    });

  it('masks, hands the mapping to the extension and keeps it out of the event', async () => {
    const res = await evaluate({
      prompt: 'mail ana@acme-corp.com today',
      inputType: 'paste',
      model: 'claude-opus-4',
      metadata: { department: 'finance' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      action: 'MASK',
      alerts: 1,
      maskedPrompt: 'mail [EMAIL_1] today',
      maskMapping: { '[EMAIL_1]': 'ana@acme-corp.com' },
    });
    const [events] = w.published;
    expect(events?.topic).toBe('kairro.events');
    const event = events?.records[0]?.value as Record<string, unknown>;
    expect(event).toMatchObject({
      tool: 'claude',
      url_host: 'claude.ai',
      action: 'MASK',
      input_type: 'paste',
      model: 'claude-opus-4',
      prompt_tokens: 7,
      alerts: [expect.stringContaining('Pastes')],
    });
    const stored = JSON.stringify(w.published);
    expect(stored).not.toContain('ana@acme-corp.com');
    expect(stored).not.toContain('finance');
  });

  it('answers no mask fields unless it masks, and defaults the event context', async () => {
    const body = (await evaluate({ completion: 'a reply' })).json();
    expect(body).toMatchObject({ action: 'ALLOW', alerts: 0 });
    expect(body).not.toHaveProperty('maskedPrompt');
    expect(body).not.toHaveProperty('maskMapping');
    expect(w.published[0]?.records[0]?.value).toMatchObject({ input_type: '', model: '', alerts: [] });
    expect(JSON.stringify(w.published)).not.toContain('a reply');
  });

  it('counts decisions by action in /metrics', async () => {
    await evaluate({});
    await evaluate({ url: 'https://shadow.example/' });
    await evaluate({ prompt: 'hello again' });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('kairro_ingest_decisions_total{action="ALLOW"} 2');
    expect(metrics).toContain('kairro_ingest_decisions_total{action="WARN"} 1');
  });

  it('applies the tool classification: trusted ALLOW, unapproved its action, unknown host by policy', async () => {
    const email = 'mail ana@acme-corp.com';
    expect((await evaluate({ url: 'https://corp.example/', prompt: email })).json().action).toBe('ALLOW');
    expect((await evaluate({ url: 'https://shadow.example/', prompt: 'hi' })).json().action).toBe('WARN');
    expect((await evaluate({ url: 'https://new-ai.example/', prompt: email })).json().action).toBe('MASK');
    const events = w.published.filter((p) => p.topic === 'kairro.events');
    expect(events.map((p) => (p.records[0]?.value as { tool: string }).tool)).toEqual([
      'corp',
      'shadow',
      'new-ai.example',
    ]);
  });

  it('records a prompt on an unapproved tool as a shadow-AI event too, with the event’s id', async () => {
    w.setConfig({
      tools: [
        ...tools,
        tool({ id: 'poe', status: 'UNAPPROVED', urlPatterns: ['https://poe.com/*'], severity: 'HIGH' }),
      ],
    });
    const prompt = 'my ssn is 521-37-0042, mail ana@acme-corp.com and bob@acme-corp.com';
    const res = await evaluate({ url: 'https://poe.com/chat/1?x=1', prompt });
    expect(res.json().action).toBe('BLOCK');
    expect(w.published.map((p) => p.topic)).toEqual([
      'kairro.events',
      'kairro.dlp-matches',
      'kairro.shadow-ai-events',
    ]);
    const event = w.values('kairro.events')[0] as { event_id: string; detectors: string[] };
    const [shadow] = w.values('kairro.shadow-ai-events');
    expect(w.published[2]?.records[0]?.key).toBe('org-1');
    expect(shadow).toEqual({
      event_id: event.event_id,
      org_id: 'org-1',
      occurred_at: '2026-06-01T00:00:00.000Z',
      endpoint_id: 'ep-1',
      user_email: 'ana@acme.com',
      team: '',
      tool: 'poe',
      url_host: 'poe.com',
      category: 'chat',
      action: 'BLOCK',
      severity: 'HIGH',
      source: 'dlp',
      detail: `prompt checked: 3 findings (${event.detectors.join(', ')})`,
      retention_days: 400,
    });
    expect(event.detectors.slice().sort()).toEqual(['EMAIL', 'US_SSN']);
    expect(JSON.stringify(shadow)).not.toMatch(/521-37|acme-corp/);

    // No findings, a tool outside the catalog: the tool's action, no category.
    await evaluate({ url: 'https://shadow.example/', prompt: 'hi' });
    expect(w.values('kairro.shadow-ai-events')[1]).toMatchObject({
      tool: 'shadow',
      category: '',
      action: 'WARN',
      severity: 'MEDIUM',
      source: 'dlp',
      detail: 'prompt checked: no findings',
    });

    // The org described the tool as a custom tool: its category.
    const shadowTool = { id: 'shadow', name: 'Shadow', category: 'writing', urlPatterns: [] };
    w.setConfig({ customTools: [shadowTool] });
    await evaluate({ url: 'https://shadow.example/', prompt: 'hi' });
    expect(w.values('kairro.shadow-ai-events')[2]).toMatchObject({ tool: 'shadow', category: 'writing' });
  });

  it('records no shadow-AI event on an approved tool or an unknown host', async () => {
    await evaluate({ url: 'https://claude.ai/chat/1' });
    await evaluate({ url: 'https://new-ai.example/' });
    await evaluate({ url: 'https://chatgpt.com/' });
    expect(w.values('kairro.shadow-ai-events')).toEqual([]);
  });

  it.each([
    ['a metadata key outside [a-zA-Z0-9_.-]', { metadata: { 'bad key': 'x' } }],
    ['a metadata value that is not a string', { metadata: { n: 1 } }],
    ['a metadata value over 256 characters', { metadata: { k: 'x'.repeat(257) } }],
    [
      'more than 20 metadata values',
      { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) },
    ],
    ['an unknown field', { tabId: 3 }],
    ['an unknown input type', { inputType: 'voice' }],
    ['a URL that is not http(s)', { url: 'ftp://files.example/a' }],
    ['a URL that is not absolute', { url: '/chat/1' }],
  ])('refuses %s (400)', async (_, body) => {
    const res = await evaluate(body);
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
