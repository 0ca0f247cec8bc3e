import { resolve } from 'node:path';
import { defaultDecisionThreads } from '@kairro/ingest';
import type { StreamAck } from '@kairro/stream';

export const ROLES = ['ingest', 'api', 'pipelines'] as const;
export type Role = (typeof ROLES)[number];

/** Every setting of a Kairro process, from the environment, validated at boot. */
export interface KairroConfig {
  dataDir: string;
  host: string;
  apiPort: number;
  ingestPort: number;
  /** Health endpoints of a process that runs only pipelines (no api or ingest to answer them). */
  pipelinesPort: number;
  /** Production Postgres; unset → embedded Postgres under the data directory. */
  databaseUrl: string | undefined;
  embeddedPostgresPort: number;
  /** ClickHouse server over HTTP; unset → chDB under the data directory. */
  clickhouseUrl: string | undefined;
  clickhouseDatabase: string;
  /** Kafka bootstrap brokers; unset → the in-process bus (all roles in one process). */
  kafkaBrokers: string[] | undefined;
  /**
   * How long a consumer may stay silent before Kafka gives its partitions to another: after a
   * crash, the restarted writer waits this long for its old membership to expire.
   */
  kafkaSessionTimeoutMs: number;
  /** Most bytes of undelivered records kept on disk (the embedded stream, ingest's Kafka buffer). */
  streamBufferBytes: number;
  /** What ingest's acknowledgement waits for on the local disk stream (see StreamAck). */
  streamAck: StreamAck;
  /** Worker threads that scan and evaluate prompts in ingest; 0: on ingest's event loop. */
  decisionThreads: number;
  logLevel: string;
  secureCookies: boolean;
  /** Where the console's static build is; unset → console/build of this checkout. */
  consoleDir: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): KairroConfig {
  return {
    dataDir: resolve(cwd, env.KAIRRO_DATA_DIR || '.kairro'),
    host: env.KAIRRO_HOST || '127.0.0.1',
    apiPort: port(env, 'KAIRRO_API_PORT', 8080),
    ingestPort: port(env, 'KAIRRO_INGEST_PORT', 8081),
    pipelinesPort: port(env, 'KAIRRO_PIPELINES_PORT', 8082),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPostgresPort: port(env, 'KAIRRO_PG_PORT', 54329),
    clickhouseUrl: url(env, 'CLICKHOUSE_URL', ['http:', 'https:']),
    clickhouseDatabase: ident(env, 'CLICKHOUSE_DATABASE', 'kairro'),
    kafkaBrokers: env.KAFKA_BROKERS ? brokers(env.KAFKA_BROKERS) : undefined,
    streamBufferBytes: megabytes(env, 'KAIRRO_STREAM_BUFFER_MB', 512),
    streamAck: oneOf(env, 'KAIRRO_STREAM_ACK', ['written', 'synced'], 'written'),
    decisionThreads: count(env, 'KAIRRO_DECISION_THREADS', defaultDecisionThreads(), 0, 64),
    kafkaSessionTimeoutMs: milliseconds(env, 'KAIRRO_KAFKA_SESSION_TIMEOUT_MS', 30_000, 6_000, 300_000),
    logLevel: oneOf(
      env,
      'KAIRRO_LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
    secureCookies: env.KAIRRO_SECURE_COOKIES === 'true',
    consoleDir: resolve(
      cwd,
      env.KAIRRO_CONSOLE_DIR || new URL('../../console/build', import.meta.url).pathname,
    ),
  };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name} must be a port number 0–65535, got "${raw}"`);
  return n;
}

function milliseconds(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number of milliseconds (${min}–${max}), got "${raw}"`);
  return n;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number ${min}–${max}, got "${raw}"`);
  return n;
}

function megabytes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * 1024 * 1024;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_048_576)
    throw new ConfigError(`${name} must be a whole number of megabytes (1–1048576), got "${raw}"`);
  return n * 1024 * 1024;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL (expected ${protocols[0]}//…)`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

function ident(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw))
    throw new ConfigError(`${name} must be a plain identifier, got "${raw}"`);
  return raw;
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name] || fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

function brokers(raw: string): string[] {
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const b of list) {
    if (!/^[\w.-]+:\d+$/.test(b))
      throw new ConfigError(`KAFKA_BROKERS entries must be host:port, got "${b}"`);
  }
  return list;
}
