import { join } from 'node:path';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import { TOPICS } from '@kairro/core';
import {
  connectPostgres,
  ensureDatabase,
  ensureOrgDefaults,
  migratePostgres,
  startEmbeddedPostgres,
  type RunningPostgres,
  type Sql,
} from '@kairro/postgres';
import {
  createBufferedStream,
  createDiskStream,
  createKafkaStream,
  type LocalStreamStats,
  type RecordStream,
} from '@kairro/stream';
import type { StreamBacklog } from '@kairro/ingest';
import type { Logger } from 'pino';
import type { KairroConfig } from '../config.ts';
import { loadLocalSecrets } from './secrets.ts';

export interface OpenPostgres {
  sql: Sql;
  embedded: RunningPostgres | undefined;
  close(): Promise<void>;
}

/** DATABASE_URL when set (production), else real Postgres binaries under the data directory. */
export async function openPostgres(config: KairroConfig, log: Logger): Promise<OpenPostgres> {
  let url = config.databaseUrl;
  let embedded: RunningPostgres | undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dir: join(config.dataDir, 'postgres'),
      port: config.embeddedPostgresPort,
      password: loadLocalSecrets(config.dataDir).postgresPassword,
      onLog: (line) => log.trace({ component: 'postgres' }, line),
    });
    const kairroDb = new URL(embedded.url);
    kairroDb.pathname = '/kairro';
    url = kairroDb.toString();
    log.info({ port: config.embeddedPostgresPort }, 'embedded Postgres started');
  }
  await ensureDatabase(url);
  const sql = connectPostgres(url);
  const applied = await migratePostgres(sql);
  if (applied.length) log.info({ applied }, 'Postgres migrations applied');
  // Orgs created by an older version get the default policies and AI tools added since.
  await ensureOrgDefaults(sql);
  return {
    sql,
    embedded,
    async close() {
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}

/** CLICKHOUSE_URL when set, else chDB (in-process ClickHouse) under the data directory. */
export async function openClickHouse(config: KairroConfig, log: Logger): Promise<ClickHouse> {
  const ch = await connectClickHouse(
    config.clickhouseUrl
      ? { kind: 'server', url: config.clickhouseUrl, database: config.clickhouseDatabase }
      : { kind: 'embedded', path: join(config.dataDir, 'clickhouse'), database: config.clickhouseDatabase },
  );
  const { applied } = await migrateClickHouse(ch.client);
  if (applied.length) log.info({ applied }, 'ClickHouse migrations applied');
  return ch;
}

export interface OpenStream {
  stream: RecordStream;
  /** What waits on disk to be delivered onwards, when this process publishes. */
  backlog: (() => StreamBacklog) | undefined;
}

/**
 * Kafka when KAFKA_BROKERS is set (topics verified at boot), else the in-process stream. Both
 * keep what ingest publishes on disk under the data directory first: in the embedded shape the
 * disk stream is the stream itself (records wait there for the ClickHouse writer, across
 * restarts); in front of Kafka it is a buffer that a forwarder drains, so a broker outage never
 * holds up a decision.
 */
export async function openStream(
  config: KairroConfig,
  log: Logger,
  clientId: string,
  publishes: boolean,
): Promise<OpenStream> {
  const local = (dir: string) =>
    createDiskStream({
      dir: join(config.dataDir, dir),
      maxBytes: config.streamBufferBytes,
      ack: config.streamAck,
      // Batches of a few hundred records instead of a few: ClickHouse inserts and Kafka produce
      // requests cost per batch. Adds at most this much to an event's way to ClickHouse.
      lingerMs: 50,
      logger: log.child({ component: 'stream' }),
    });
  if (!config.kafkaBrokers) {
    const stream = local('stream');
    return { stream, backlog: () => backlogOf(stream.stats()) };
  }
  const kafka = await createKafkaStream({
    brokers: config.kafkaBrokers,
    clientId,
    topics: Object.values(TOPICS),
    logger: log.child({ component: 'kafka' }),
    consumer: {
      // Fetches return as soon as records arrive on a real broker; this bounds the wait where a
      // broker holds the fetch to its deadline, which would otherwise delay the live feed 5 s.
      maxWaitTimeInMs: 500,
      sessionTimeout: config.kafkaSessionTimeoutMs,
      heartbeatInterval: Math.min(3_000, Math.floor(config.kafkaSessionTimeoutMs / 3)),
    },
  });
  if (!publishes) return { stream: kafka, backlog: undefined };
  const buffered = await createBufferedStream({
    buffer: local('buffer'),
    target: kafka,
    topics: Object.values(TOPICS),
    logger: log.child({ component: 'buffer' }),
  });
  return { stream: buffered, backlog: () => buffered.stats() };
}

/** The embedded stream's backlog: per topic, what its slowest consumer group has yet to take. */
function backlogOf(stats: LocalStreamStats): StreamBacklog {
  let pendingRecords = 0;
  for (const topic of Object.values(stats.topics))
    pendingRecords += Math.max(0, ...Object.values(topic.groups).map((g) => g.pending));
  return { pendingRecords, pendingBytes: stats.bytes };
}
