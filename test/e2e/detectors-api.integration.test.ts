import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@kairro/api';
import { createOrg, createUser } from '@kairro/postgres';
import { registerExtension, signIn, type ExtensionClient } from '../helpers/clients.ts';
import type { HttpClient } from '../helpers/http.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { eventually, readDemo, startKairro, type PlatformProcess } from '../helpers/platform.ts';

const EMPLOYEE = {
  name: 'Employee id',
  type: 'EMPLOYEE_ID',
  description: 'ACME employee numbers',
  pattern: 'EMP-\\d{6}',
  severity: 'HIGH',
  keywords: ['EMP-'],
};
const DEFAULT_SETTINGS = {
  allowlistValues: [],
  allowlistEmailDomains: [],
  allowTestCards: false,
  logLevel: 'REDACTED_MATCHES',
};

/**
 * Custom detectors and DLP settings end to end: the admin API writes Postgres, the NOTIFY reaches
 * ingest's cache, the next evaluation uses them and the findings reach ClickHouse. The platform
 * runs against a database on the machine's PostgreSQL so the test can add an org and a viewer.
 */
const SETTLED_PROBE = 'promote EMP-123456, mail ana@acme-corp.com, card 4111 1111 1111 1111';

describe('detectors and DLP settings', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: PlatformProcess;
  let admin: HttpClient;
  let viewer: HttpClient;
  let otherAdmin: HttpClient;
  let extension: ExtensionClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startKairro({ env: { DATABASE_URL: db.url } });
    const demo = readDemo(platform.dataDir);
    const sql = postgres(db.url, { max: 1 });
    try {
      const [org] = await sql<{ id: string }[]>`select id from orgs where slug = 'demo'`;
      await createUser(sql, {
        orgId: org!.id,
        email: 'viewer@demo.kairro.local',
        passwordHash: await hashPassword('viewer-password'),
        role: 'VIEWER',
      });
      const otherOrg = await createOrg(sql, { name: 'Other Org', slug: 'other' });
      await createUser(sql, {
        orgId: otherOrg,
        email: 'admin@other.example',
        passwordHash: await hashPassword('other-password'),
        role: 'OWNER',
      });
    } finally {
      await sql.end();
    }
    admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    viewer = await signIn(platform.apiUrl!, 'viewer@demo.kairro.local', 'viewer-password');
    otherAdmin = await signIn(platform.apiUrl!, 'admin@other.example', 'other-password');
    extension = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'detectors-test',
      email: 'dev@example.com',
    });
  });
  afterEach(async () => {
    // Every test starts from the defaults: no custom detector, default settings.
    const list = await admin.get('/v1/admin/detectors');
    for (const d of list.body.detectors.filter((x: any) => x.source === 'custom'))
      await admin.request('DELETE', `/v1/admin/detectors/${d.id}`);
    await admin.request('PUT', '/v1/admin/dlp-settings', DEFAULT_SETTINGS);
    // Start the next test from a settled state: ingest has applied the defaults (no custom
    // detector, no allowlist) and the probe's event is stored, so no write of this test is in flight.
    const probe = await eventually(async () => {
      const res = await extension.evaluate('https://chatgpt.com/', SETTLED_PROBE);
      return res.body.dlp.detectors.join() === 'CREDIT_CARD,EMAIL' ? (res.body.eventId as string) : undefined;
    });
    await eventually(async () => (await admin.get(`/v1/admin/events/${probe}/dlp`)).status === 200);
  });
  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
  });

  const customs = async (client = admin) =>
    (await client.get('/v1/admin/detectors')).body.detectors.filter((d: any) => d.source === 'custom');

  it('lists built-ins, and creates, updates and deletes a custom detector', async () => {
    const list = await admin.get('/v1/admin/detectors');
    expect(list.status).toBe(200);
    const builtins = list.body.detectors.filter((d: any) => d.source === 'builtin');
    expect(builtins.map((d: any) => d.type)).toEqual(
      expect.arrayContaining(['CREDIT_CARD', 'API_KEY_LIKE', 'US_SSN', 'EMAIL', 'IP_ADDRESS']),
    );
    expect(builtins[0]).toMatchObject({ ruleId: expect.any(String), severity: expect.any(String) });

    const created = await admin.post('/v1/admin/detectors', EMPLOYEE);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      source: 'custom',
      type: 'EMPLOYEE_ID',
      ruleId: `custom.${created.body.id}`,
      target: 'prompt',
      keywords: ['emp-'],
      validator: 'none',
      enabled: true,
    });
    expect((await admin.post('/v1/admin/detectors', EMPLOYEE)).status).toBe(409);

    const patched = await admin.request('PATCH', `/v1/admin/detectors/${created.body.id}`, {
      severity: 'CRITICAL',
      enabled: false,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ severity: 'CRITICAL', enabled: false, pattern: EMPLOYEE.pattern });
    expect(await customs()).toEqual([patched.body]);

    expect((await admin.request('DELETE', `/v1/admin/detectors/${created.body.id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/v1/admin/detectors/${created.body.id}`)).status).toBe(404);
    expect(await customs()).toEqual([]);
  });

  it.each([
    [
      'invalid syntax',
      { pattern: '(EMP-\\d{6}' },
      'INVALID_PATTERN',
      /Invalid RE2 syntax.*missing closing \)/,
    ],
    ['a lookahead', { pattern: 'EMP-(?=\\d)' }, 'INVALID_PATTERN', /Invalid RE2 syntax/],
    ['an empty match', { pattern: '(?:EMP)*' }, 'INVALID_PATTERN', /empty string/],
    ['nested repetition', { pattern: '((a+)+)+' }, 'INVALID_PATTERN', /nests repetition 3 deep/],
    ['a long pattern', { pattern: 'x'.repeat(1001) }, 'VALIDATION_FAILED', /pattern/],
    ['a built-in type', { type: 'CREDIT_CARD' }, 'VALIDATION_FAILED', /built-in detector type/],
    ['a lower-case type', { type: 'employee' }, 'VALIDATION_FAILED', /type/],
  ])('refuses %s with a clear 400 and stores nothing', async (_name, change, code, message) => {
    const res = await admin.post('/v1/admin/detectors', { ...EMPLOYEE, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
    expect(await customs()).toEqual([]);
  });

  it("answers 404 for another org's detector and changes nothing", async () => {
    const mine = (await admin.post('/v1/admin/detectors', EMPLOYEE)).body;
    const patch = await otherAdmin.request('PATCH', `/v1/admin/detectors/${mine.id}`, { severity: 'LOW' });
    expect(patch.status).toBe(404);
    expect((await otherAdmin.request('DELETE', `/v1/admin/detectors/${mine.id}`)).status).toBe(404);
    expect(await customs(otherAdmin)).toEqual([]);
    expect(await customs()).toEqual([mine]);
  });

  it('lets a viewer read but not write (403 FORBIDDEN)', async () => {
    const mine = (await admin.post('/v1/admin/detectors', EMPLOYEE)).body;
    expect((await viewer.get('/v1/admin/detectors')).status).toBe(200);
    expect((await viewer.get('/v1/admin/dlp-settings')).body).toEqual(DEFAULT_SETTINGS);
    const writes = [
      await viewer.post('/v1/admin/detectors', { ...EMPLOYEE, name: 'other' }),
      await viewer.request('PATCH', `/v1/admin/detectors/${mine.id}`, { severity: 'LOW' }),
      await viewer.request('DELETE', `/v1/admin/detectors/${mine.id}`),
      await viewer.request('PUT', '/v1/admin/dlp-settings', {
        ...DEFAULT_SETTINGS,
        logLevel: 'METADATA_ONLY',
      }),
    ];
    expect(writes.map((r) => [r.status, r.body.error.code])).toEqual(Array(4).fill([403, 'FORBIDDEN']));
    expect(await customs()).toEqual([mine]);
    expect((await admin.get('/v1/admin/dlp-settings')).body).toEqual(DEFAULT_SETTINGS);
  });

  it('fires a new custom detector on evaluate within 2 s, and its finding reaches the event', async () => {
    const prompt = 'promote EMP-123456 to team lead';
    const before = await extension.evaluate('https://chatgpt.com/', prompt);
    expect(before.body.dlp.totalMatches).toBe(0);

    const created = await admin.post('/v1/admin/detectors', EMPLOYEE);
    const decided = await eventually(async () => {
      const res = await extension.evaluate('https://chatgpt.com/', prompt);
      return res.body.dlp.totalMatches > 0 ? res.body : undefined;
    }, 2_000);
    expect(decided).toMatchObject({ action: 'BLOCK', riskLevel: 'HIGH' });
    expect(decided.dlp.matches).toEqual([
      expect.objectContaining({
        detector: 'EMPLOYEE_ID',
        ruleId: `custom.${created.body.id}`,
        start: 8,
        end: 18,
      }),
    ]);

    const stored = await eventually(async () => {
      const res = await admin.get(`/v1/admin/events/${decided.eventId}/dlp`);
      return res.body.matches?.length ? res.body.matches : undefined;
    });
    expect(stored).toEqual([
      expect.objectContaining({ detector: 'EMPLOYEE_ID', severity: 'HIGH', start: 8, end: 18 }),
    ]);
    expect(JSON.stringify(stored)).not.toContain('EMP-123456');
  });

  it('stops reporting an allowlisted email domain and test cards', async () => {
    const prompt = 'mail ana@acme-corp.com about card 4111 1111 1111 1111';
    const before = await extension.evaluate('https://chatgpt.com/', prompt);
    expect(before.body.dlp.detectors).toEqual(['CREDIT_CARD', 'EMAIL']);
    const put = await admin.request('PUT', '/v1/admin/dlp-settings', {
      ...DEFAULT_SETTINGS,
      allowlistEmailDomains: ['@Acme-Corp.com'],
    });
    expect(put.body).toMatchObject({ allowlistEmailDomains: ['acme-corp.com'], allowTestCards: false });
    await eventually(async () => {
      const res = await extension.evaluate('https://chatgpt.com/', prompt);
      return res.body.dlp.detectors.join() === 'CREDIT_CARD';
    }, 2_000);
    await admin.request('PUT', '/v1/admin/dlp-settings', { ...put.body, allowTestCards: true });
    const after = await eventually(async () => {
      const res = await extension.evaluate('https://chatgpt.com/', prompt);
      return res.body.dlp.totalMatches === 0 ? res.body : undefined;
    }, 2_000);
    expect(after.action).toBe('ALLOW');
  });

  it('stores no snippet at all under METADATA_ONLY, and the redacted prompt under REDACTED_PROMPT', async () => {
    const prompt = 'my ssn is 123-45-6789, fill the form';
    const send = async (level: string) => {
      await admin.request('PUT', '/v1/admin/dlp-settings', { ...DEFAULT_SETTINGS, logLevel: level });
      // Wait until ingest has the level: a probe event stored with it shows it took effect.
      await new Promise((r) => setTimeout(r, 1_000));
      return (await extension.evaluate('https://chatgpt.com/', prompt)).body.eventId as string;
    };
    const metadataOnly = await send('METADATA_ONLY');
    const redactedPrompt = await send('REDACTED_PROMPT');
    const events = await eventually(async () => {
      const res = await admin.get('/v1/admin/events?limit=500');
      const byId = new Map(res.body.events.map((e: any) => [e.eventId, e]));
      return byId.has(metadataOnly) && byId.has(redactedPrompt) ? byId : undefined;
    });
    expect((events.get(metadataOnly) as any).promptSnippet).toBe('');
    expect((events.get(redactedPrompt) as any).promptSnippet).toContain('[US_SSN]');
    expect((events.get(redactedPrompt) as any).promptSnippet).not.toContain('123-45-6789');
    const matches = async (id: string) =>
      eventually(async () => {
        const res = await admin.get(`/v1/admin/events/${id}/dlp`);
        return res.body.matches?.length ? res.body.matches : undefined;
      });
    expect((await matches(metadataOnly)).map((m: any) => m.snippet)).toEqual(['']);
    expect((await matches(redactedPrompt))[0].snippet).toContain('[US_SSN]');
  });

  it('sets the org retention that new events are stored with; bad values and viewers change nothing', async () => {
    expect((await admin.get('/v1/admin/retention')).body).toEqual({ retentionDays: 400 });
    const refused = [
      await admin.request('PUT', '/v1/admin/retention', { retentionDays: 0 }),
      await admin.request('PUT', '/v1/admin/retention', { retentionDays: 5000 }),
      await admin.request('PUT', '/v1/admin/retention', { retentionDays: 'forever' }),
      await admin.request('PUT', '/v1/admin/retention', { retentionDays: 30, extra: true }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect((await viewer.request('PUT', '/v1/admin/retention', { retentionDays: 30 })).status).toBe(403);
    expect((await admin.get('/v1/admin/retention')).body).toEqual({ retentionDays: 400 });

    expect((await admin.request('PUT', '/v1/admin/retention', { retentionDays: 30 })).body).toEqual({
      retentionDays: 30,
    });
    expect((await otherAdmin.get('/v1/admin/retention')).body).toEqual({ retentionDays: 400 });
    // Ingest picks the change up from its config reload; the next events carry it.
    const stored = await eventually(async () => {
      const { eventId } = (await extension.evaluate('https://chatgpt.com/', 'retention probe')).body;
      const row = await eventually(async () => {
        const res = await admin.post('/v1/admin/sql', {
          sql: `SELECT retention_days FROM events WHERE event_id = '${eventId}'`,
        });
        return res.body.rows?.length ? res.body.rows[0] : undefined;
      });
      return row[0] === 30 && row;
    });
    expect(stored).toEqual([30]);
    await admin.request('PUT', '/v1/admin/retention', { retentionDays: 400 });
  });

  it('explains every finding on the test bench without storing anything', async () => {
    await admin.post('/v1/admin/detectors', EMPLOYEE);
    const text = '😀 EMP-123456 card 4539 1488 0343 6467';
    const before = (await admin.get('/v1/admin/events?limit=500')).body.events.length;
    const res = await viewer.post('/v1/admin/detectors/test', { text });
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        detector: 'EMPLOYEE_ID',
        source: 'custom',
        start: 3,
        end: 13,
        redacted: 'EM••••••56',
      }),
      expect.objectContaining({
        detector: 'CREDIT_CARD',
        source: 'builtin',
        severity: 'CRITICAL',
        start: 19,
        end: 38,
      }),
    ]);
    for (const f of res.body.findings) {
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.why.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(res.body)).not.toContain('4539 1488 0343 6467');
    await new Promise((r) => setTimeout(r, 500));
    expect((await admin.get('/v1/admin/events?limit=500')).body.events.length).toBe(before);
  });
});
