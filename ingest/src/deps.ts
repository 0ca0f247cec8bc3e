import type { Sql } from '@kairro/postgres';
import type { RecordStream } from '@kairro/stream';
import type { FastifyBaseLogger } from 'fastify';
import type { OrgConfigCache } from './org-config-cache.ts';
import type { TokenService } from './tokens.ts';

export interface IngestDeps {
  sql: Sql;
  stream: RecordStream;
  configs: OrgConfigCache;
  tokens: TokenService;
  /** Wall clock for timestamps and license checks. */
  now: () => Date;
  /** Monotonic milliseconds for latency. */
  clock: () => number;
  newEventId: () => string;
  logger?: FastifyBaseLogger;
}
