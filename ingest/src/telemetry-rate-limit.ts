import type { FastifyRequest } from 'fastify';
import { ApiError } from '@kairro/http';

/**
 * Per browser (its bearer token) and telemetry route: a healthy extension sends a batch every
 * few seconds at most (sightings once per tool per page load, an override per "Send anyway"), so
 * this only stops a broken or hostile client from filling ingest's stream for everyone. The
 * extension's queue keeps what was refused and retries after the `Retry-After` the answer carries.
 * Counted per ingest process; `/evaluate` is never limited, a decision must not wait.
 */
export const TELEMETRY_RATE_LIMIT = {
  max: 60,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => req.headers.authorization ?? `ip:${req.ip}`,
  errorResponseBuilder: (_req: FastifyRequest, ctx: { after: string }) =>
    new ApiError(
      'RATE_LIMITED',
      `Too many telemetry requests from this browser. Nothing was recorded; send them again in ${ctx.after}.`,
    ),
};
