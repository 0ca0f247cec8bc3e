/**
 * The platform under test, started as the tests start it (test/helpers): the real `kairro` command
 * as child processes on free ports with a temporary data directory. Everything is registered for
 * cleanup (processes stopped, databases dropped, directories removed).
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { TOPICS } from '@kairro/core';
import { signIn } from '../../test/helpers/clients.ts';
import type { HttpClient } from '../../test/helpers/http.ts';
import { startMockCluster } from '../../test/helpers/kafka.ts';
import { createTestDatabase } from '../../test/helpers/pg.ts';
import {
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../../test/helpers/platform.ts';
import { onCleanup, removeAtCleanup } from './cleanup.ts';
import { childrenOf, findChild, single, type Watched } from './proc.ts';

export interface Shape {
  name: 'embedded' | 'kafka';
  ingestUrl: string;
  apiUrl: string;
  demo: DemoCredentials;
  admin: HttpClient;
  /** The processes doing the work, for memory and CPU figures. */
  processes: Watched[];
  /** The process that holds chDB and runs the ClickHouse writer. */
  writerPid: number;
  /** The `kairro` processes, e.g. for their output. */
  kairro: PlatformProcess[];
  /** Kafka shape only. */
  brokers?: string[];
  databaseUrl?: string;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Embedded Postgres runs as the `postgres` OS user when run as root: it must reach the dir.
  chmodSync(dir, 0o755);
  removeAtCleanup(dir);
  return dir;
}

async function start(args: string[], env: Record<string, string>, prefix: string): Promise<PlatformProcess> {
  const proc = await startKairro({ args, env, dataDir: tempDir(prefix), timeoutMs: 180_000 });
  onCleanup(`stop kairro ${args.join(' ')}`, async () => {
    const stopping = proc.stop();
    const timer = setTimeout(() => void proc.kill(), 60_000);
    await stopping;
    clearTimeout(timer);
  });
  return proc;
}

/** `kairro start`: every role and store in one process (embedded Postgres as its children). */
export async function startEmbedded(env: Record<string, string> = {}): Promise<Shape> {
  const proc = await start(['start'], { KAIRRO_LOG_LEVEL: 'info', ...env }, 'kairro-bench-embedded-');
  const demo = readDemo(proc.dataDir);
  const pid = proc.child.pid!;
  return {
    name: 'embedded',
    ingestUrl: proc.ingestUrl!,
    apiUrl: proc.apiUrl!,
    demo,
    admin: await signIn(proc.apiUrl!, demo.adminEmail, demo.adminPassword),
    processes: [single('kairro start (node + chDB)', pid), childrenOf('embedded Postgres', pid)],
    writerPid: pid,
    kairro: [proc],
  };
}

/**
 * The distributed shape on this machine: librdkafka's mock cluster with every Kairro topic, a fresh
 * database on the machine's PostgreSQL, `kairro ingest` and `kairro start --roles api,pipelines`
 * (chDB) as two processes. `backendEnv` goes to the api+pipelines process only (e.g. NODE_OPTIONS).
 */
export async function startKafkaShape(
  opts: { partitions?: number; backendEnv?: Record<string, string> } = {},
): Promise<Shape> {
  const partitions = opts.partitions ?? 6;
  const broker = await startMockCluster(Object.values(TOPICS).map((name) => ({ name, partitions })));
  onCleanup('stop the mock Kafka cluster', () => broker.stop());
  const brokerPid = findChild(process.pid, 'kafka-mock');
  const db = await createTestDatabase();
  onCleanup('drop the test database', () => db.drop());
  const env = { DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers.join(','), KAIRRO_LOG_LEVEL: 'info' };
  const backend = await start(
    ['start', '--roles', 'api,pipelines'],
    { ...env, ...opts.backendEnv },
    'kairro-bench-backend-',
  );
  const ingest = await start(['ingest'], env, 'kairro-bench-ingest-');
  const demo = readDemo(backend.dataDir);
  return {
    name: 'kafka',
    ingestUrl: ingest.ingestUrl!,
    apiUrl: backend.apiUrl!,
    demo,
    admin: await signIn(backend.apiUrl!, demo.adminEmail, demo.adminPassword),
    processes: [
      single('kairro ingest', ingest.child.pid!),
      single('kairro api+pipelines (chDB)', backend.child.pid!),
      ...(brokerPid ? [single('kafka-mock broker', brokerPid)] : []),
    ],
    writerPid: backend.child.pid!,
    kairro: [ingest, backend],
    brokers: broker.brokers,
    databaseUrl: db.url,
  };
}

/** Rows in a table as the api sees them (the SQL workbench: the demo org's rows only). */
export async function countRows(admin: HttpClient, table = 'events'): Promise<number> {
  const res = await admin.post('/v1/admin/sql', { sql: `SELECT count() FROM ${table}` });
  if (res.status !== 200) throw new Error(`count failed: ${res.status} ${JSON.stringify(res.body)}`);
  return Number(res.body.rows[0][0]);
}

/** The demo org's id (the only org), read from the shape's Postgres. */
export async function demoOrgId(databaseUrl: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<Array<{ id: string }>>`select id from orgs order by created_at limit 1`;
    return row!.id;
  } finally {
    await sql.end();
  }
}
