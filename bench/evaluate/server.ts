/**
 * The servers under test, in a process of their own so the load generator does not share their
 * event loop: ingest as `kairro` builds it (org config cache, tokens, an on-disk stream) and, on a
 * second port, a bare Fastify route that parses the same JSON body and returns a constant. The stream
 * is drained as in production (where the Kafka forwarder or the ClickHouse writer takes the records),
 * so it stays small; this drain hands them to nowhere, so its cost is the stream's own.
 * `GET /cpu` on the bare port answers the process's CPU time so far (µs), for CPU per request.
 * Prints one JSON line `{"ingest": url, "bare": url}` when both listen; stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { LogController } from 'fastify';
import {
  buildIngestApp,
  createEventIdGenerator,
  createOrgConfigCache,
  createTokenService,
  defaultDecisionThreads,
} from '@kairro/ingest';
import { connectPostgres, ensureTokenSecret } from '@kairro/postgres';
import { TOPICS } from '@kairro/core';
import { createDiskStream } from '@kairro/stream';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('bench/evaluate/server.ts needs DATABASE_URL');

const dir = mkdtempSync(join(tmpdir(), 'kairro-bench-evaluate-'));
const sql = connectPostgres(databaseUrl, { max: 4 });
const stream = createDiskStream({ dir, lingerMs: 50 });
const configs = await createOrgConfigCache(sql);
const tokens = createTokenService(await ensureTokenSecret(sql));
const ingest = await buildIngestApp({
  sql,
  stream,
  configs,
  tokens,
  now: () => new Date(),
  newEventId: createEventIdGenerator(),
  // As the platform runs it: KAIRRO_DECISION_THREADS, else one thread per core but one.
  decisionThreads: Number(process.env.KAIRRO_DECISION_THREADS ?? defaultDecisionThreads()),
});

// Same framework options as ingest: no logging, same JSON body parsing and serialization.
const bare = Fastify({ logger: false, logController: new LogController({ disableRequestLogging: true }) });
bare.post('/bare', async () => ({ action: 'ALLOW' }));
bare.get('/cpu', async () => {
  const { user, system } = process.cpuUsage();
  return { micros: user + system };
});

await stream.subscribe({
  groupId: 'bench-drain',
  topics: [TOPICS.events, TOPICS.dlpMatches],
  handler: async () => {},
});

const ingestUrl = await ingest.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ ingest: ingestUrl, bare: bareUrl }));

process.on('SIGTERM', () => {
  void (async () => {
    await bare.close();
    await ingest.close();
    await configs.close();
    await stream.close();
    await sql.end();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  })();
});
