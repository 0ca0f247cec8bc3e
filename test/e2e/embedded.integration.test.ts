import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { registerExtension, signIn } from '../helpers/clients.ts';
import { HttpClient, type JsonResponse } from '../helpers/http.ts';
import {
  eventually,
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../helpers/platform.ts';

/**
 * The embedded shape as a user runs it: `kairro start` with nothing configured, one process holding
 * embedded Postgres, chDB and the in-process stream.
 */
describe('embedded shape: register → evaluate → event in the admin API', () => {
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let ingest: HttpClient;
  let admin: HttpClient;

  beforeAll(async () => {
    platform = await startKairro();
    demo = readDemo(platform.dataDir);
    ingest = new HttpClient(platform.ingestUrl!);
    admin = new HttpClient(platform.apiUrl!);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('writes demo.json with the URLs it listens on and working credentials', () => {
    expect(demo.consoleUrl).toBe(platform.apiUrl);
    expect(demo.ingestUrl).toBe(platform.ingestUrl);
    expect(demo.adminEmail).toMatch(/@/);
    expect(demo.licenseKey).toMatch(/^krr_lic_/);
    expect(platform.output()).toContain(demo.adminPassword);
  });

  it('answers health and readiness on both services, and serves OpenAPI', async () => {
    for (const client of [ingest, admin]) {
      expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
      const ready = await client.get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ready');
    }
    const ingestDoc = await ingest.get('/docs/json');
    expect(Object.keys(ingestDoc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/extension/register', '/v1/extension/evaluate']),
    );
    const apiDoc = await admin.get('/docs/json');
    expect(Object.keys(apiDoc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/admin/auth/login', '/v1/admin/events']),
    );
  });

  it('refuses registration with an unknown license key', async () => {
    const res = await ingest.post('/v1/extension/register', {
      licenseKey: 'krr_lic_not-a-real-key',
      endpointId: 'endpoint-unknown-1',
      identity: { email: 'x@example.com' },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_LICENSE');
  });

  it('rejects evaluate without a valid token and malformed bodies with 4xx JSON', async () => {
    const noToken = await ingest.post('/v1/extension/evaluate', {
      url: 'https://chatgpt.com/',
      prompt: 'hi',
    });
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('INVALID_TOKEN');
    const forged = await ingest.post(
      '/v1/extension/evaluate',
      { url: 'https://chatgpt.com/', prompt: 'hi' },
      { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' },
    );
    expect(forged.status).toBe(401);
    const notJson = await ingest.post('/v1/extension/register', '{not json');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBeTypeOf('string');
  });

  it('blocks a card number, allows a harmless prompt, and both events reach ClickHouse', async () => {
    const extension = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'endpoint-e2e-1',
      email: 'Alice@Example.com',
    });

    const secret = '4539 1488 0343 6467';
    const blocked = await extension.evaluate('https://chatgpt.com/c/1', `please refund card ${secret} today`);
    expect(blocked.status).toBe(200);
    expect(blocked.body.action).toBe('BLOCK');
    expect(blocked.body.riskLevel).toBe('CRITICAL');
    expect(blocked.body.dlp.matches[0]).toMatchObject({ detector: 'CREDIT_CARD', start: 19, end: 38 });
    expect(JSON.stringify(blocked.body)).not.toContain(secret);

    const allowed = await extension.evaluate('https://claude.ai/new', 'write a haiku about autumn');
    expect(allowed.body.action).toBe('ALLOW');
    expect(allowed.body.riskLevel).toBe('NONE');

    expect((await admin.get('/v1/admin/events')).status).toBe(401);
    const login = await admin.post('/v1/admin/auth/login', {
      email: demo.adminEmail,
      password: demo.adminPassword,
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    const events = await eventually(async () => {
      const res = await admin.get('/v1/admin/events?limit=10');
      const ids = res.body.events.map((e: { eventId: string }) => e.eventId);
      return ids.includes(blocked.body.eventId) && ids.includes(allowed.body.eventId)
        ? res.body.events
        : undefined;
    });
    // Newest first.
    expect(events[0].eventId).toBe(allowed.body.eventId);
    const blockedEvent = events.find((e: { eventId: string }) => e.eventId === blocked.body.eventId);
    expect(blockedEvent).toMatchObject({
      action: 'BLOCK',
      riskLevel: 'CRITICAL',
      userEmail: 'alice@example.com',
      tool: 'chatgpt',
      detectors: ['CREDIT_CARD'],
      // Privacy by default: the demo org does not store prompt snippets.
      promptSnippet: '',
    });
    expect(JSON.stringify(events)).not.toContain(secret);

    const dlp = await eventually(async () => {
      const res = await admin.get(`/v1/admin/events/${blocked.body.eventId}/dlp`);
      return res.body.matches?.length ? res.body.matches : undefined;
    });
    expect(dlp).toEqual([
      expect.objectContaining({
        detector: 'CREDIT_CARD',
        severity: 'CRITICAL',
        target: 'prompt',
        start: 19,
        end: 38,
      }),
    ]);
    expect(dlp[0].snippet).toContain('[CREDIT_CARD]');
    expect(JSON.stringify(dlp)).not.toContain(secret);
    expect((await admin.get('/v1/admin/events/01938a3c-0000-7000-8000-000000000099/dlp')).status).toBe(404);
    expect((await admin.get('/v1/admin/events/not-a-uuid/dlp')).status).toBe(400);

    const summary = await admin.get('/v1/admin/analytics/summary?hours=1');
    expect(summary.body.byAction.BLOCK).toBeGreaterThanOrEqual(1);
    expect(summary.body.byAction.ALLOW).toBeGreaterThanOrEqual(1);
  });

  it('pushes new decisions and counters to a signed-in console over the live feed', async () => {
    const session = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    const url = `${platform.apiUrl!.replace(/^http/, 'ws')}/v1/admin/live`;
    const anonymous = new WebSocket(url);
    const refused = await new Promise<number>((resolve) =>
      anonymous.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(refused).toBe(401);

    const socket = new WebSocket(url, { headers: { cookie: session.cookieHeader } });
    const messages: Array<{ type: string; [key: string]: any }> = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await once(socket, 'open');
    try {
      const extension = await registerExtension(platform.ingestUrl!, {
        licenseKey: demo.licenseKey,
        endpointId: 'endpoint-live',
        email: 'lee@example.com',
      });
      const sent = await extension.evaluate('https://chatgpt.com/', 'card 4111 1111 1111 1111 please');
      const pushed = await eventually(
        async () => messages.find((m) => m.type === 'event' && m.event.eventId === sent.body.eventId),
        5_000,
      );
      expect(pushed.event).toMatchObject({ action: 'BLOCK', userEmail: 'lee@example.com', tool: 'chatgpt' });
      expect(JSON.stringify(pushed)).not.toContain('4111 1111 1111 1111');
      await eventually(
        async () => messages.some((m) => m.type === 'counters' && m.byAction.BLOCK >= 1),
        5_000,
      );

      // Only the actions asked for; a malformed filter gets an error message, not a crash.
      socket.send(JSON.stringify({ type: 'filter', actions: ['BLOCK'] }));
      socket.send('not json');
      await eventually(async () => messages.some((m) => m.type === 'error'), 5_000);
      const harmless = await extension.evaluate('https://chatgpt.com/', 'hello there');
      const blocked = await extension.evaluate('https://chatgpt.com/', 'card 5555 5555 5555 4444');
      await eventually(async () => messages.some((m) => m.event?.eventId === blocked.body.eventId), 5_000);
      expect(messages.some((m) => m.event?.eventId === harmless.body.eventId)).toBe(false);
    } finally {
      socket.close();
    }
  });

  it('refuses a wrong password with 401 JSON, and slows down password guessing per account', async () => {
    const res = await new HttpClient(platform.apiUrl!).post('/v1/admin/auth/login', {
      email: demo.adminEmail,
      password: 'wrong-password',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');

    const guesser = new HttpClient(platform.apiUrl!);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await guesser.post('/v1/admin/auth/login', { email: 'victim@example.com', password: `guess-${i}` }))
          .status,
      );
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const limited = await guesser.post('/v1/admin/auth/login', {
      email: 'Victim@Example.com',
      password: 'x',
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    // Other accounts are unaffected.
    const admin = await guesser.post('/v1/admin/auth/login', {
      email: demo.adminEmail,
      password: demo.adminPassword,
    });
    expect(admin.status).toBe(200);
  });

  it('on SIGTERM writes every acknowledged event before exiting, and keeps them across a restart', async () => {
    const extension = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'endpoint-e2e-2',
      email: 'bob@example.com',
    });
    // Decisions keep arriving while the signal lands: the last acknowledged ones are still in the
    // stream, not yet in ClickHouse, when shutdown begins.
    const acked: Array<{ status: number; body: any }> = [];
    let sent = 0;
    let signalled: Promise<number | null> | undefined;
    const sender = async () => {
      while (sent < 3000) {
        sent++;
        const res = await extension
          .evaluate('https://gemini.google.com/app', `note ${sent} for jane.doe@acme-corp.com`)
          .catch(() => undefined);
        if (res?.status !== 200) return; // closing: 503 or connection refused
        acked.push(res);
        if (acked.length === 400) signalled ??= platform.stop();
      }
    };
    await Promise.all(Array.from({ length: 16 }, sender));
    expect(acked.length).toBeGreaterThanOrEqual(400);
    expect(acked.every((r) => r.body.action === 'WARN')).toBe(true);
    // The platform's own last words, should it not exit 0.
    expect(await signalled, platform.output().slice(-4000)).toBe(0);
    expect(platform.output()).toContain('stopped cleanly');

    platform = await startKairro({ dataDir: platform.dataDir });
    const again = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    const stored = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: JsonResponse = await again.get(
        `/v1/admin/events?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const e of page.body.events) stored.add(e.eventId);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(acked.filter((r) => !stored.has(r.body.eventId))).toEqual([]);
    // The old token still works against the restarted ingest (same installation secret).
    const after = await new HttpClient(platform.ingestUrl!).post(
      '/v1/extension/evaluate',
      { url: 'https://chatgpt.com/', prompt: 'hello' },
      { authorization: `Bearer ${extension.token}` },
    );
    expect(after.status).toBe(200);
  });

  it('refuses a second platform on the same data directory, leaving the first untouched', async () => {
    await expect(startKairro({ dataDir: platform.dataDir })).rejects.toThrow(
      /Another Kairro process \(pid \d+\) is using/,
    );
    expect((await new HttpClient(platform.ingestUrl!).get('/readyz')).status).toBe(200);
  });

  it('keeps every acknowledged event exactly once when killed with SIGKILL under load', async () => {
    const extension = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'endpoint-e2e-kill',
      email: 'kim@example.com',
    });
    const acked: string[] = [];
    let killed: Promise<void> | undefined;
    const sender = async () => {
      for (let i = 0; i < 400; i++) {
        const res = await extension
          .evaluate('https://chatgpt.com/', `kill test ${i} for sam@acme-corp.com`)
          .catch(() => undefined);
        if (res?.status !== 200) return; // the process is gone
        acked.push(res.body.eventId);
        // Killed mid-load: acknowledged events are still on their way to ClickHouse.
        if (acked.length === 300) killed ??= platform.kill();
      }
    };
    await Promise.all(Array.from({ length: 12 }, sender));
    await killed;
    expect(acked.length).toBeGreaterThanOrEqual(300);

    platform = await startKairro({ dataDir: platform.dataDir });
    const admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    const listAll = async (): Promise<string[]> => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: JsonResponse = await admin.get(
          `/v1/admin/events?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        );
        ids.push(...page.body.events.map((e: { eventId: string }) => e.eventId));
        cursor = page.body.nextCursor;
      } while (cursor);
      return ids;
    };
    const wanted = new Set(acked);
    const stored = await eventually(async () => {
      const ids = await listAll();
      return ids.filter((id) => wanted.has(id)).length >= wanted.size && ids;
    }, 60_000);
    const mine = stored.filter((id) => wanted.has(id));
    expect(mine.length).toBe(wanted.size); // each once
  });

  it('starts again after being killed with SIGKILL (stale lock, orphaned Postgres)', async () => {
    const admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    const before = (await admin.get('/v1/admin/events?limit=500')).body.events.length;
    expect(before).toBeGreaterThan(0);
    await platform.kill();

    platform = await startKairro({ dataDir: platform.dataDir });
    const again = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    expect((await again.get('/v1/admin/events?limit=500')).body.events.length).toBe(before);
  });
});
