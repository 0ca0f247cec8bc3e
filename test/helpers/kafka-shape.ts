/** The distributed shape on a Kafka-protocol broker, as the e2e tests start it. */
import { TOPICS } from '@kairro/core';
import type { KafkaBroker } from './kafka.ts';
import { createTestDatabase } from './pg.ts';
import { readDemo, startKairro } from './platform.ts';

/** Every topic Kairro uses, as the compose file's topic init creates them. */
export const topicSpecs = (partitions: number) => Object.values(TOPICS).map((name) => ({ name, partitions }));

/**
 * `kairro ingest` in one process, `kairro start --roles api,pipelines` in another, both on `broker`
 * and a fresh database on the machine's PostgreSQL server.
 */
export async function startKafkaShape(broker: KafkaBroker, extraEnv: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const env = { DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers.join(','), ...extraEnv };
  const backend = await startKairro({ args: ['start', '--roles', 'api,pipelines'], env });
  const ingestProc = await startKairro({ args: ['ingest'], env });
  return { db, env, backend, ingestProc, demo: readDemo(backend.dataDir) };
}
