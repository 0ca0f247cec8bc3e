import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { buildApiApp, hashPassword, randomPassword } from '@kairro/api';
import type { ClickHouse } from '@kairro/clickhouse';
import {
  buildIngestApp,
  createOrgConfigCache,
  createTokenService,
  type OrgConfigCache,
} from '@kairro/ingest';
import { startClickHouseWriter } from '@kairro/pipelines';
import { ensureTokenSecret, seedDemoOrg } from '@kairro/postgres';
import type { Subscription } from '@kairro/stream';
import { ConfigError, type KairroConfig, type Role } from '../config.ts';
import { lockIfEmbedded } from './data-dir-lock.ts';
import { readDemoFile, writeDemoFile, type DemoFile } from './demo-file.ts';
import { openClickHouse, openPostgres, openStream } from './stores.ts';

export interface RunningPlatform {
  roles: Role[];
  apiUrl: string | undefined;
  ingestUrl: string | undefined;
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
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((err) => log.error({ err }, 'shutdown step failed'));
  };
  try {
    const lock = lockIfEmbedded(config, roles.includes('api') || roles.includes('pipelines'));
    stops.push(async () => lock?.release());
    const pg = await openPostgres(config, log);
    stops.push(() => pg.close());

    let clickhouse: ClickHouse | undefined;
    if (roles.includes('api') || roles.includes('pipelines')) {
      clickhouse = await openClickHouse(config, log);
      const ch = clickhouse;
      stops.push(() => ch.close());
    }

    let demo: DemoFile | undefined;
    let apiUrl: string | undefined;
    if (roles.includes('api')) {
      const created = await seedDemoOrg(pg.sql, { hashPassword, randomPassword, now: new Date() });
      const app = await buildApiApp(
        {
          sql: pg.sql,
          clickhouse: clickhouse!,
          consoleDir: config.consoleDir,
          secureCookies: config.secureCookies,
        },
        { logger: log.child({ service: 'api' }) },
      );
      apiUrl = await listen(app, config.host, config.apiPort, 'KAIRRO_API_PORT');
      stops.push(() => app.close());
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

    const stream = await openStream(config, log, `kairro-${roles.join('-')}`);
    // Registered after the services so it closes before them: pending records drain to ClickHouse.
    let writer: Subscription | undefined;
    if (roles.includes('pipelines')) {
      writer = await startClickHouseWriter({
        stream,
        clickhouse: clickhouse!.client,
        logger: log.child({ service: 'pipelines' }),
      });
    }

    let ingestUrl: string | undefined;
    let configs: OrgConfigCache | undefined;
    if (roles.includes('ingest')) {
      configs = await createOrgConfigCache(pg.sql, {
        onError: (err) => log.error({ err }, 'org config reload failed'),
      });
      const cache = configs;
      const tokens = createTokenService(await ensureTokenSecret(pg.sql));
      const app = await buildIngestApp(
        {
          sql: pg.sql,
          stream,
          configs: cache,
          tokens,
          now: () => new Date(),
          clock: () => performance.now(),
          newEventId: () => uuidv7(),
        },
        { logger: log.child({ service: 'ingest' }) },
      );
      ingestUrl = await listen(app, config.host, config.ingestPort, 'KAIRRO_INGEST_PORT');
      stops.push(() => cache.close());
      // Closes first: no new decisions, then the stream drains what was accepted.
      stops.push(async () => {
        await app.close();
        await stream.close();
        await writer?.stop();
      });
    } else {
      stops.push(async () => {
        await writer?.stop();
        await stream.close();
      });
    }

    if (demo && apiUrl) {
      demo = { ...demo, consoleUrl: apiUrl, ingestUrl: ingestUrl ?? demo.ingestUrl };
      writeDemoFile(config.dataDir, demo);
    }
    return { roles, apiUrl, ingestUrl, demo, stop: stopAll };
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
