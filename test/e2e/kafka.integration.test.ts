import postgres from 'postgres';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashPassword } from '@kairro/api';
import { TOPICS } from '@kairro/core';
import { createLicense, createOrg, createUser } from '@kairro/postgres';
import { registerExtension, signIn, type ExtensionClient } from '../helpers/clients.ts';
import { HttpClient, type JsonResponse } from '../helpers/http.ts';
import {
  startKafkaBroker,
  startMockCluster,
  type KafkaBroker,
  type MockKafkaBroker,
} from '../helpers/kafka.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import {
  eventually,
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../helpers/platform.ts';

/** Every topic Kairro uses, as the compose file's topic init creates them. */
const topicSpecs = (partitions: number) => Object.values(TOPICS).map((name) => ({ name, partitions }));

/**
 * `kairro ingest` in one process, `kairro start --roles api,pipelines` in another, both on `broker`
 * and a fresh database on the machine's PostgreSQL server.
 */
async function startKafkaShape(broker: KafkaBroker, extraEnv: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const env = { DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers.join(','), ...extraEnv };
  const backend = await startKairro({ args: ['start', '--roles', 'api,pipelines'], env });
  const ingestProc = await startKairro({ args: ['ingest'], env });
  return { db, env, backend, ingestProc, demo: readDemo(backend.dataDir) };
}

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

/**
 * Delivery guarantees in the distributed shape, on a broker of their own that can go down: an
 * acknowledged decision reaches ClickHouse exactly once whatever fails in between.
 */
describe('Kafka path: nothing lost, nothing counted twice', () => {
  let broker: MockKafkaBroker;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let backend: PlatformProcess;
  let ingestProc: PlatformProcess;
  let demo: DemoCredentials;
  let env: Record<string, string>;

  beforeAll(async () => {
    broker = await startMockCluster(topicSpecs(3));
    // A short session lets the restarted writer take its partitions back soon after a SIGKILL.
    ({ db, env, backend, ingestProc, demo } = await startKafkaShape(broker, {
      KAIRRO_KAFKA_SESSION_TIMEOUT_MS: '6000',
    }));
  });
  // A failed outage test must not leave the broker down for the next one.
  afterEach(async () => {
    await broker?.up();
  });
  afterAll(async () => {
    await ingestProc?.stop();
    await backend?.stop();
    await broker?.stop();
    await db?.drop();
  });

  /** One session per api process: sign-in is rate limited. */
  let session: { apiUrl: string; client: HttpClient } | undefined;
  async function admin(): Promise<HttpClient> {
    if (!session || session.apiUrl !== backend.apiUrl)
      session = {
        apiUrl: backend.apiUrl!,
        client: await signIn(backend.apiUrl!, demo.adminEmail, demo.adminPassword),
      };
    return session.client;
  }

  /** Every stored event id of the demo org (the list reads FINAL, so a duplicate would show). */
  async function storedIds(): Promise<string[]> {
    const client = await admin();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: JsonResponse = await client.get(
        `/v1/admin/events?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      ids.push(...page.body.events.map((e: { eventId: string }) => e.eventId));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids;
  }

  async function expectExactlyOnce(acked: readonly string[]): Promise<void> {
    const wanted = new Set(acked);
    expect(wanted.size).toBe(acked.length);
    const stored = await eventually(async () => {
      const ids = (await storedIds()).filter((id) => wanted.has(id));
      return ids.length >= wanted.size && ids;
    }, 90_000);
    expect(stored.length).toBe(wanted.size);
  }

  /**
   * Sends from `workers` loops until `stop()` says so or `cap` decisions are acknowledged; returns
   * their event ids. The cap matters: the mock broker keeps only about 5 MB per partition and
   * drops the oldest records past that, which a backlog of many thousands would exceed.
   */
  function load(extension: ExtensionClient, label: string, cap: number, workers = 6) {
    const acked: string[] = [];
    let stopped = false;
    const done = Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let i = 0; !stopped && acked.length < cap; i++) {
          const res = await extension.evaluate(
            'https://chatgpt.com/',
            `${label} ${w}.${i} mail ann@acme-corp.com`,
          );
          expect(res.status).toBe(200);
          acked.push(res.body.eventId);
        }
      }),
    );
    return {
      acked,
      stop: async () => {
        stopped = true;
        await done;
        return acked;
      },
    };
  }

  it(
    'keeps deciding while the broker is down, then delivers every event once it is back',
    { timeout: 240_000 },
    async () => {
      const extension = await registerExtension(ingestProc.ingestUrl!, {
        licenseKey: demo.licenseKey,
        endpointId: 'endpoint-outage',
        email: 'ann@example.com',
      });
      const status = new HttpClient(ingestProc.ingestUrl!);
      await broker.down();
      const traffic = load(extension, 'outage', 400);
      // Decisions flow while the buffer holds them and reports the outage.
      const during = await eventually(async () => {
        const s = (await status.get('/v1/status/stream')).body;
        return s.forwarding === 'failing' && s.pendingRecords > 0 && s;
      }, 60_000);
      expect(during.lastError).toBeTruthy();
      const acked = await traffic.stop();
      expect(acked.length).toBeGreaterThanOrEqual(400);
      const metrics = (await status.get('/metrics')).body as string;
      expect(metrics).toMatch(/kairro_stream_pending_records [1-9]/);
      expect(metrics).toMatch(/kairro_stream_forwarding_failing 1/);

      await broker.up();
      await expectExactlyOnce(acked);
      const after = await eventually(async () => {
        const s = (await status.get('/v1/status/stream')).body;
        return s.pendingRecords === 0 && s.forwarding === 'ok' && s;
      }, 30_000);
      expect(after.forwarded).toBeGreaterThanOrEqual(acked.length);
    },
  );

  it(
    'has every acknowledged event exactly once after the pipelines process is killed mid-load',
    { timeout: 240_000 },
    async () => {
      const extension = await registerExtension(ingestProc.ingestUrl!, {
        licenseKey: demo.licenseKey,
        endpointId: 'endpoint-kill',
        email: 'kim@example.com',
      });
      const traffic = load(extension, 'kill', 1_000);
      await eventually(async () => traffic.acked.length >= 300, 30_000);
      await backend.kill(); // mid-load: batches in flight, inserted but not yet committed, or neither
      await eventually(async () => traffic.acked.length >= 600, 30_000); // ingest goes on meanwhile
      const acked = await traffic.stop();

      backend = await startKairro({
        args: ['start', '--roles', 'api,pipelines'],
        env,
        dataDir: backend.dataDir,
      });
      await expectExactlyOnce(acked);
      // The hourly aggregates saw each redelivered row once too.
      const users = await (await admin()).get('/v1/admin/analytics/breakdown?by=user&hours=2&limit=100');
      const kim = users.body.rows.find((r: { key: string }) => r.key === 'kim@example.com');
      expect(kim.events).toBe(acked.length);
    },
  );
});
