import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';

import { buildApiApp, hashPassword, randomPassword, startLiveHub } from '@kairro/api';
import type { ClickHouse } from '@kairro/clickhouse';
import {
  buildIngestApp,
  createEventIdGenerator,
  createOrgConfigCache,
  createTokenService,
  type StreamBacklog,
} from '@kairro/ingest';
import { buildPipelinesHealthApp, startClickHouseWriter } from '@kairro/pipelines';
import { ensureTokenSecret, seedDemoOrg } from '@kairro/postgres';
import type { RecordStream } from '@kairro/stream';
import { ConfigError, type KairroConfig, type Role } from '../config.ts';
import { lockIfEmbedded } from './data-dir-lock.ts';
import { readDemoFile, writeDemoFile, type DemoFile } from './demo-file.ts';
import { openClickHouse, openPostgres, openStream } from './stores.ts';

export interface RunningPlatform {
  roles: Role[];
  apiUrl: string | undefined;
  ingestUrl: string | undefined;
  /** Health endpoints, when the process runs pipelines alone. */
  pipelinesUrl: string | undefined;
  demo: DemoFile | undefined;
  stop(): Promise<void>;
}

export function createLogger(config: KairroConfig): Logger {
  return pino({
    level: config.logLevel,
    // Prompts, tokens, cookies and license keys are secrets: never log them.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'licenseKey', 'password', 'prompt'],
  });
}

/**
 * Starts the given roles in this process. All three with no external endpoints configured is the
 * embedded shape; one role per process with DATABASE_URL / CLICKHOUSE_URL / KAFKA_BROKERS is the
 * distributed shape. The code path is the same; only the connections differ.
 */
export async function runPlatform(
  config: KairroConfig,
  roles: Role[],
  log = createLogger(config),
): Promise<RunningPlatform> {
  if (!config.kafkaBrokers && !(roles.includes('ingest') && roles.includes('pipelines'))) {
    throw new ConfigError(
      'Without KAFKA_BROKERS the record stream is in-process, so ingest and pipelines must run in one process: use `kairro start`, or set KAFKA_BROKERS.',
    );
  }
  // Shutdown runs these in reverse order of start: services stop taking requests, the stream
  // drains what was accepted into ClickHouse, then the stores close.
  const stops: Array<{ name: string; run: () => Promise<void> }> = [];
  const onStop = (name: string, run: () => Promise<void>) => stops.push({ name, run });
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const { name, run } of [...stops].reverse()) {
        log.debug({ step: name }, 'stopping');
        await run().catch((err: unknown) => log.error({ err, step: name }, 'shutdown step failed'));
      }
    })());
  try {
    const needsClickHouse = roles.includes('api') || roles.includes('pipelines');
    const lock = lockIfEmbedded(config, {
      clickhouse: needsClickHouse,
      diskStream: roles.includes('ingest'),
    });
    onStop('data dir lock', async () => lock?.release());
    const pg = await openPostgres(config, log);
    onStop('postgres', () => pg.close());

    let clickhouse: ClickHouse | undefined;
    if (needsClickHouse) {
      const ch = await openClickHouse(config, log);
      onStop('clickhouse', () => ch.close());
      clickhouse = ch;
    }

    // Every role uses the stream: ingest publishes, pipelines write, the api's live feed reads.
    const opened = await openStream(config, log, `kairro-${roles.join('-')}`, roles.includes('ingest'));
    // close() drains every subscribed group (the writer, the forwarder) before it stops them.
    onStop('stream', () => opened.stream.close());
    const stream: RecordStream = opened.stream;
    const backlog: (() => StreamBacklog) | undefined = opened.backlog;
    let demo: DemoFile | undefined;
    let apiUrl: string | undefined;
    if (roles.includes('api')) {
      const created = await seedDemoOrg(pg.sql, { hashPassword, randomPassword, now: new Date() });
      const live = await startLiveHub(stream);
      onStop('live feed', () => live.stop());
      const app = await buildApiApp(
        {
          sql: pg.sql,
          clickhouse: clickhouse!,
          consoleDir: config.consoleDir,
          secureCookies: config.secureCookies,
          live,
        },
        { logger: log.child({ service: 'api' }) },
      );
      apiUrl = await listen(app, config.host, config.apiPort, 'KAIRRO_API_PORT');
      onStop('api', () => app.close());
      demo = created
        ? {
            consoleUrl: apiUrl,
            ingestUrl: '',
            adminEmail: created.adminEmail,
            adminPassword: created.adminPassword,
            licenseKey: created.licenseKey,
          }
        : readDemoFile(config.dataDir);
    }

    let pipelinesUrl: string | undefined;
    if (roles.includes('pipelines')) {
      await startClickHouseWriter({
        stream,
        clickhouse: clickhouse!.client,
        logger: log.child({ service: 'pipelines' }),
      });
      if (!roles.includes('api') && !roles.includes('ingest')) {
        const health = buildPipelinesHealthApp({
          clickhouse: () => clickhouse!.ping(),
          stream: () => stream.ready(),
        });
        pipelinesUrl = await listen(health, config.host, config.pipelinesPort, 'KAIRRO_PIPELINES_PORT');
        onStop('pipelines health', () => health.close());
      }
    }

    let ingestUrl: string | undefined;
    if (roles.includes('ingest')) {
      const configs = await createOrgConfigCache(pg.sql, {
        onError: (err) => log.error({ err }, 'org config reload failed'),
      });
      onStop('org config cache', () => configs.close());
      const tokens = createTokenService(await ensureTokenSecret(pg.sql));
      const app = await buildIngestApp(
        {
          sql: pg.sql,
          stream,
          configs,
          tokens,
          now: () => new Date(),
          newEventId: createEventIdGenerator(),
          decisionThreads: config.decisionThreads,
          ...(backlog ? { streamBacklog: backlog } : {}),
        },
        { logger: log.child({ service: 'ingest' }) },
      );
      ingestUrl = await listen(app, config.host, config.ingestPort, 'KAIRRO_INGEST_PORT');
      onStop('ingest', () => app.close());
    }

    if (demo && apiUrl) {
      demo = { ...demo, consoleUrl: apiUrl, ingestUrl: ingestUrl ?? demo.ingestUrl };
      writeDemoFile(config.dataDir, demo);
    }
    return { roles, apiUrl, ingestUrl, pipelinesUrl, demo, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function listen(
  app: FastifyInstance,
  host: string,
  port: number,
  portSetting: string,
): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new ConfigError(
      `Port ${port} on ${host} is already in use. Stop what uses it or set ${portSetting}.`,
    );
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shownHost}:${actualPort}`;
}
