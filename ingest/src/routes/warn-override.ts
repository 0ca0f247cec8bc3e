import type { FastifyInstance } from 'fastify';
import { DEFAULT_RETENTION_DAYS, TOPICS, type WarnOverrideRecord } from '@kairro/core';
import { authenticate } from '../authenticate.ts';
import type { IngestDeps } from '../deps.ts';
import type { IngestMetrics } from '../metrics.ts';
import { publishTelemetry } from '../publish-telemetry.ts';
import { telemetryRouteOptions } from '../telemetry-route.ts';
import { WarnOverrideBody, WarnOverrideResponse } from '../schemas.ts';
import { storableUserText } from '../user-text.ts';

/** Stored justifications are cut to this many characters (after redaction). */
export const MAX_STORED_JUSTIFICATION = 500;

/**
 * The employee chose "Send anyway" on a WARN. Ingest never reads ClickHouse, so it cannot check
 * that the event exists or was a WARN: any event id from an authenticated endpoint is accepted. It
 * is recorded under the token's org only, so it can only ever annotate (or invent) that org's
 * events; the console shows it beside the event with that id, if there is one.
 */
export function warnOverrideRoute(app: FastifyInstance, deps: IngestDeps, metrics: IngestMetrics): void {
  app.post<{ Body: WarnOverrideBody }>(
    '/v1/extension/warn-override',
    telemetryRouteOptions({
      summary: 'Record that the user sent a WARNed prompt anyway, with their justification',
      description:
        'The justification is stored DLP-redacted and cut to 500 characters. One override per ' +
        'event: sending the same eventId again records nothing new.',
      body: WarnOverrideBody,
      accepted: WarnOverrideResponse,
    }),
    async (req, reply) => {
      const { claims, config } = await authenticate(req, deps);
      const record: WarnOverrideRecord = {
        event_id: req.body.eventId.toLowerCase(),
        org_id: claims.orgId,
        occurred_at: deps.now().toISOString(),
        endpoint_id: claims.endpointId,
        user_email: claims.email,
        team: config.teams.get(claims.email.toLowerCase()) ?? '',
        justification: storableUserText(req.body.justification, config.scan, MAX_STORED_JUSTIFICATION),
        retention_days: config.retentionDays || DEFAULT_RETENTION_DAYS,
      };
      await publishTelemetry(TOPICS.warnOverrides, claims.orgId, [record], { deps, metrics, req, reply });
      return reply.code(202).send({ recorded: true });
    },
  );
}
