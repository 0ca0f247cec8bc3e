import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerExtension, signIn, type ExtensionClient } from '../helpers/clients.ts';
import { HttpClient, type JsonResponse } from '../helpers/http.ts';
import { startMockCluster, type MockKafkaBroker } from '../helpers/kafka.ts';
import { startKafkaShape, topicSpecs } from '../helpers/kafka-shape.ts';
import type { createTestDatabase } from '../helpers/pg.ts';
import { eventually, startKairro, type DemoCredentials, type PlatformProcess } from '../helpers/platform.ts';

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
      // A batch the forwarder sent again (its send failed, part of it may have been written) was
      // marked, checked and counted once by the aggregates too.
      const users = await (await admin()).get('/v1/admin/analytics/breakdown?by=user&hours=2&limit=100');
      const ann = users.body.rows.find((r: { key: string }) => r.key === 'ann@example.com');
      expect(ann.events).toBe(acked.length);
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
