import type { Sql } from '@kairro/postgres';
import type { RecordStream } from '@kairro/stream';
import type { FastifyBaseLogger } from 'fastify';
import type { StreamBacklog } from './metrics.ts';
import type { OrgConfigCache } from './org-config-cache.ts';
import type { TokenService } from './tokens.ts';

export interface IngestDeps {
  sql: Sql;
  stream: RecordStream;
  configs: OrgConfigCache;
  tokens: TokenService;
  /** Wall clock for timestamps and license checks. */
  now: () => Date;
  newEventId: () => string;
  /** The stream's backlog for /metrics and /v1/status/stream, when the stream can tell. */
  streamBacklog?: () => StreamBacklog;
  logger?: FastifyBaseLogger;
  /**
   * Worker threads that scan and evaluate prompts (`defaultDecisionThreads()` in the platform);
   * 0 or absent: on the event loop.
   */
  decisionThreads?: number;
}
