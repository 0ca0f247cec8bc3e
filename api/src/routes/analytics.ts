import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { eventsOverTime, eventsSummary } from '../analytics/overview.ts';
import { currentUser } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';

const RangeQuery = Type.Object(
  { hours: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 }) },
  { additionalProperties: false },
);
const ActionCounts = Type.Object({
  ALLOW: Type.Integer(),
  WARN: Type.Integer(),
  MASK: Type.Integer(),
  BLOCK: Type.Integer(),
});

export function analyticsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: Static<typeof RangeQuery> }>(
    '/v1/admin/analytics/events-over-time',
    {
      schema: {
        summary: 'Event counts per time bucket and action (sparse: missing buckets are 0)',
        tags: ['analytics'],
        security: [{ cookie: [] }],
        querystring: RangeQuery,
        response: {
          200: Type.Object({
            bucketSeconds: Type.Integer(),
            buckets: Type.Array(
              Type.Object({ start: Type.String(), action: Type.String(), count: Type.Integer() }),
            ),
          }),
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => eventsOverTime(deps.clickhouse.client, currentUser(req).orgId, req.query.hours),
  );

  app.get<{ Querystring: Static<typeof RangeQuery> }>(
    '/v1/admin/analytics/summary',
    {
      schema: {
        summary: 'Event totals by action over the range',
        tags: ['analytics'],
        security: [{ cookie: [] }],
        querystring: RangeQuery,
        response: {
          200: Type.Object({ total: Type.Integer(), byAction: ActionCounts }),
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => eventsSummary(deps.clickhouse.client, currentUser(req).orgId, req.query.hours),
  );
}
