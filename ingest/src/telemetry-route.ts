import type { FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { TSchema } from 'typebox';
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

/**
 * What both telemetry routes (sightings, overrides) declare: bearer auth, the rate limit, and the
 * answers they share; the stream-full and rate-limit behaviour is said once, here.
 */
export function telemetryRouteOptions(route: {
  summary: string;
  description: string;
  body: TSchema;
  accepted: TSchema;
}): RouteShorthandOptions {
  return {
    config: { rateLimit: TELEMETRY_RATE_LIMIT },
    schema: {
      summary: route.summary,
      description:
        `${route.description} 503 with Retry-After when the stream is full, 429 with Retry-After ` +
        'past 60 requests a minute from this browser: nothing was recorded, send it again then.',
      tags: ['extension'],
      security: [{ bearer: [] }],
      body: route.body,
      response: {
        202: route.accepted,
        400: { $ref: 'ErrorBody#' },
        401: { $ref: 'ErrorBody#' },
        429: { $ref: 'ErrorBody#' },
        503: { $ref: 'ErrorBody#' },
      },
    },
  };
}
