import { join } from 'node:path';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import { TOPICS } from '@kairro/core';
import {
  connectPostgres,
  ensureDatabase,
  migratePostgres,
  startEmbeddedPostgres,
  type RunningPostgres,
  type Sql,
} from '@kairro/postgres';
import { createKafkaStream, createMemoryStream, type RecordStream } from '@kairro/stream';
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

/** Kafka when KAFKA_BROKERS is set (topics verified at boot), else the in-process bus. */
export async function openStream(config: KairroConfig, log: Logger, clientId: string): Promise<RecordStream> {
  if (!config.kafkaBrokers) return createMemoryStream({ logger: log.child({ component: 'stream' }) });
  return createKafkaStream({
    brokers: config.kafkaBrokers,
    clientId,
    topics: Object.values(TOPICS),
    logger: log.child({ component: 'kafka' }),
  });
}
