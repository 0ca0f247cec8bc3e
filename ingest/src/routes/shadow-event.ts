import type { FastifyInstance } from 'fastify';
import { TOPICS } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { authenticate } from '../authenticate.ts';
import type { IngestDeps } from '../deps.ts';
import type { IngestMetrics } from '../metrics.ts';
import { publishTelemetry } from '../publish-telemetry.ts';
import { telemetryRouteOptions } from '../telemetry-route.ts';
import { ShadowEventBody, ShadowEventResponse } from '../schemas.ts';
import { buildShadowEvents } from '../shadow-events.ts';

/** The extension reports AI tools it saw in use (visits), outside any prompt evaluation. */
export function shadowEventRoute(app: FastifyInstance, deps: IngestDeps, metrics: IngestMetrics): void {
  app.post<{ Body: ShadowEventBody }>(
    '/v1/extension/shadow-event',
    telemetryRouteOptions({
      summary: 'Record AI tool sightings (1–50), classified by the org’s tool lists',
      description:
        'Each sighting becomes a shadow-AI event. Its `id` makes a retried sighting count once. ' +
        'Sightings older than 7 days are refused (400); a future `occurredAt` is taken as now.',
      body: ShadowEventBody,
      accepted: ShadowEventResponse,
    }),
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
