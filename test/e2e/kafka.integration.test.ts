import postgres from 'postgres';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashPassword } from '@kairro/api';
import { createLicense, createOrg, createUser } from '@kairro/postgres';
import { registerExtension, signIn } from '../helpers/clients.ts';
import { HttpClient } from '../helpers/http.ts';
import { startKafkaBroker, type KafkaBroker } from '../helpers/kafka.ts';
import { startKafkaShape, topicSpecs } from '../helpers/kafka-shape.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { eventually, startKairro, type DemoCredentials, type PlatformProcess } from '../helpers/platform.ts';

/**
 * The distributed shape's code path: `kairro ingest` in its own process publishes to a real
 * Kafka-protocol broker; `kairro start --roles api,pipelines` (holding chDB, since no ClickHouse
 * server runs here) consumes into ClickHouse; both use the machine's PostgreSQL server.
 */
describe('Kafka path: separate ingest and pipelines processes', () => {
  let broker: KafkaBroker;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let backend: PlatformProcess;
  let ingestProc: PlatformProcess;
  let demo: DemoCredentials;
  let env: Record<string, string>;

  beforeAll(async () => {
    broker = await startKafkaBroker(topicSpecs(3));
    ({ db, env, backend, ingestProc, demo } = await startKafkaShape(broker));
  });
  afterAll(async () => {
    await ingestProc?.stop();
    await backend?.stop();
    await broker?.stop();
    await db?.drop();
  });

  it('runs each role in its own process with readiness on its own dependencies', async () => {
    expect(backend.ingestUrl).toBeUndefined();
    expect(ingestProc.apiUrl).toBeUndefined();
    const ready = await new HttpClient(ingestProc.ingestUrl!).get('/readyz');
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'ok', stream: 'ok' } });
    const apiReady = await new HttpClient(backend.apiUrl!).get('/readyz');
    expect(apiReady.body).toEqual({ status: 'ready', checks: { postgres: 'ok', clickhouse: 'ok' } });
  });

  it('delivers every decision through Kafka into ClickHouse', async () => {
    const extension = await registerExtension(ingestProc.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'kafka-endpoint-1',
      email: 'carol@example.com',
    });
    const prompts = [
      'summarise the meeting notes',
      'my ssn is 123-45-6789, fill the form',
      'ping 192.168.10.20 and tell me why it fails',
      'AKIAIOSFODNN7EXAMPLE is in my config, why does it fail?',
      'email dana.k@acme-corp.com the report',
    ];
    const ids: string[] = [];
    for (const prompt of prompts) {
      const res = await extension.evaluate('https://claude.ai/chat', prompt);
      expect(res.status).toBe(200);
      ids.push(res.body.eventId);
    }

    const admin = await signIn(backend.apiUrl!, demo.adminEmail, demo.adminPassword);
    const events = await eventually(async () => {
      const res = await admin.get('/v1/admin/events?limit=50');
      const seen = new Set(res.body.events.map((e: { eventId: string }) => e.eventId));
      return ids.every((id) => seen.has(id)) ? res.body.events : undefined;
    }, 30_000);
    expect(events).toHaveLength(prompts.length);
    const ssnEvent = events.find((e: { eventId: string }) => e.eventId === ids[1]);
    expect(ssnEvent).toMatchObject({ action: 'BLOCK', riskLevel: 'HIGH', detectors: ['US_SSN'] });
    const matches = await eventually(async () => {
      const res = await admin.get(`/v1/admin/events/${ids[1]}/dlp`);
      return res.body.matches?.length ? res.body.matches : undefined;
    });
    expect(matches).toEqual([expect.objectContaining({ detector: 'US_SSN', start: 10, end: 21 })]);
    expect(JSON.stringify(matches)).not.toContain('123-45-6789');
  });

  it('sees a license revoked in Postgres at the next evaluation, without a restart', async () => {
    const extension = await registerExtension(ingestProc.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'kafka-endpoint-2',
      email: 'dave@example.com',
    });
    const sql = postgres(db.url, { max: 1 });
    try {
      await sql`update licenses set status = 'REVOKED'`;
      const decision = await eventually(async () => {
        const res = await extension.evaluate('https://chatgpt.com/', 'hello');
        return res.body.action === 'BLOCK' ? res.body : undefined;
      }, 2_000);
      expect(decision.reasons.join(' ')).toMatch(/licen[cs]e/i);
      const again = await extension.http.post('/v1/extension/register', {
        licenseKey: demo.licenseKey,
        endpointId: 'kafka-endpoint-3',
        identity: { email: 'erin@example.com' },
      });
      expect(again.status).toBe(403);
      expect(again.body.error.code).toBe('LICENSE_REVOKED');
    } finally {
      await sql`update licenses set status = 'ACTIVE'`;
      await sql.end();
    }
  });

  it('refuses to run ingest alone without a broker', async () => {
    await expect(startKairro({ args: ['ingest'], env: { DATABASE_URL: db.url } })).rejects.toThrow(
      /ingest and pipelines must run in one process/,
    );
  });

  it("pushes each decision live to every api process's consoles", async () => {
    // A second api replica: each one consumes the stream itself for its live feed.
    const replica = await startKairro({ args: ['api'], env });
    try {
      const sockets = await Promise.all(
        [backend.apiUrl!, replica.apiUrl!].map(async (apiUrl) => {
          const session = await signIn(apiUrl, demo.adminEmail, demo.adminPassword);
          const socket = new WebSocket(`${apiUrl.replace(/^http/, 'ws')}/v1/admin/live`, {
            headers: { cookie: session.cookieHeader },
          });
          const ids: string[] = [];
          socket.on('message', (data) => {
            const message = JSON.parse(data.toString());
            if (message.type === 'event') ids.push(message.event.eventId);
          });
          await once(socket, 'open');
          return { socket, ids };
        }),
      );
      const extension = await registerExtension(ingestProc.ingestUrl!, {
        licenseKey: demo.licenseKey,
        endpointId: 'endpoint-live-kafka',
        email: 'live@example.com',
      });
      // A live subscription starts at the newest record once its consumer has joined: keep
      // sending until both replicas have pushed one, then check that a later one reaches both.
      await eventually(async () => {
        await extension.evaluate('https://chatgpt.com/', 'warm up');
        await new Promise((r) => setTimeout(r, 500));
        return sockets.every((s) => s.ids.length > 0);
      }, 60_000);
      const sent = await extension.evaluate('https://chatgpt.com/', 'live through Kafka');
      await eventually(async () => sockets.every((s) => s.ids.includes(sent.body.eventId)), 10_000);
      for (const { socket } of sockets) socket.close();
    } finally {
      await replica.stop();
    }
  });

  it("never shows one org's events to another org's admin", async () => {
    const sql = postgres(db.url, { max: 1 });
    let other: { licenseKey: string; email: string; password: string };
    try {
      const orgId = await createOrg(sql, { name: 'Other Org', slug: 'other' });
      const password = 'other-org-password';
      await createUser(sql, {
        orgId,
        email: 'admin@other.example',
        passwordHash: await hashPassword(password),
        role: 'OWNER',
      });
      const { key } = await createLicense(sql, orgId, { expiresAt: new Date(Date.now() + 86_400_000) });
      other = { licenseKey: key, email: 'admin@other.example', password };
    } finally {
      await sql.end();
    }
    const extension = await registerExtension(ingestProc.ingestUrl!, {
      licenseKey: other.licenseKey,
      endpointId: 'other-org-endpoint',
      email: 'frank@other.example',
    });
    const sent = await extension.evaluate('https://chatgpt.com/', 'other org prompt');
    expect(sent.status).toBe(200);

    const otherAdmin = await signIn(backend.apiUrl!, other.email, other.password);
    const mine = await eventually(async () => {
      const res = await otherAdmin.get('/v1/admin/events?limit=500');
      return res.body.events.length > 0 ? res.body.events : undefined;
    }, 30_000);
    expect(mine.map((e: { eventId: string }) => e.eventId)).toEqual([sent.body.eventId]);
    expect((await otherAdmin.get('/v1/admin/analytics/summary?hours=1')).body.total).toBe(1);

    const demoAdmin = await signIn(backend.apiUrl!, demo.adminEmail, demo.adminPassword);
    const theirs = await demoAdmin.get('/v1/admin/events?limit=500');
    expect(theirs.body.events.map((e: { eventId: string }) => e.eventId)).not.toContain(sent.body.eventId);
    expect(
      theirs.body.events.every((e: { userEmail: string }) => !e.userEmail.endsWith('@other.example')),
    ).toBe(true);
    expect((await demoAdmin.get(`/v1/admin/events/${sent.body.eventId}/dlp`)).status).toBe(404);
  });
});

describe('kairro pipelines alone', () => {
  // A broker and database of its own: a fresh consumer group joins at once, where joining beside
  // another test's writer would cost a rebalance on the mock broker.
  it('serves its own health endpoints and stops cleanly', async () => {
    const broker = await startKafkaBroker(topicSpecs(1));
    const db = await createTestDatabase();
    try {
      const pipelines = await startKairro({
        args: ['pipelines'],
        env: { DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers.join(',') },
      });
      try {
        expect(pipelines.apiUrl).toBeUndefined();
        expect(pipelines.ingestUrl).toBeUndefined();
        const health = new HttpClient(pipelines.pipelinesUrl!);
        expect((await health.get('/healthz')).body).toEqual({ status: 'ok' });
        expect((await health.get('/readyz')).body).toEqual({
          status: 'ready',
          checks: { clickhouse: 'ok', stream: 'ok' },
        });
      } finally {
        expect(await pipelines.stop()).toBe(0);
      }
    } finally {
      await broker.stop();
      await db.drop();
    }
  });
});
