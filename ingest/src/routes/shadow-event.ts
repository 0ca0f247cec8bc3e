import type { FastifyInstance } from 'fastify';
import { TOPICS } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { authenticate } from '../authenticate.ts';
import type { IngestDeps } from '../deps.ts';
import type { IngestMetrics } from '../metrics.ts';
import { publishTelemetry } from '../publish-telemetry.ts';
import { TELEMETRY_RATE_LIMIT } from '../telemetry-rate-limit.ts';
import { ShadowEventBody, ShadowEventResponse } from '../schemas.ts';
import { buildShadowEvents } from '../shadow-events.ts';

/** The extension reports AI tools it saw in use (visits), outside any prompt evaluation. */
export function shadowEventRoute(app: FastifyInstance, deps: IngestDeps, metrics: IngestMetrics): void {
  app.post<{ Body: ShadowEventBody }>(
    '/v1/extension/shadow-event',
    {
      config: { rateLimit: TELEMETRY_RATE_LIMIT },
      schema: {
        summary: 'Record AI tool sightings (1–50), classified by the org’s tool lists',
        description:
          'Each sighting becomes a shadow-AI event. Its `id` makes a retried sighting count once. ' +
          'Sightings older than 7 days are refused (400); a future `occurredAt` is taken as now. ' +
          '503 with Retry-After when the stream is full: nothing was recorded, send it again.',
        tags: ['extension'],
        security: [{ bearer: [] }],
        body: ShadowEventBody,
        response: {
          202: ShadowEventResponse,
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
          429: { $ref: 'ErrorBody#' },
          503: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req, reply) => {
      const { claims, config } = await authenticate(req, deps);
      const built = buildShadowEvents(req.body.events, { claims, config, now: deps.now() });
      if (!built.ok) throw new ApiError('VALIDATION_FAILED', built.invalid);
      await publishTelemetry(TOPICS.shadowAiEvents, claims.orgId, built.records, {
        deps,
        metrics,
        req,
        reply,
      });
      return reply.code(202).send({ accepted: built.records.length });
    },
  );
}
