import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { getRetentionDays, setRetentionDays } from '@kairro/postgres';
import { currentUser, requireConfigWriter } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';

const RetentionBody = Type.Object(
  {
    retentionDays: Type.Integer({
      minimum: 1,
      maximum: 3650,
      description: 'Days events, DLP matches and their aggregates are kept in ClickHouse',
    }),
  },
  { additionalProperties: false },
);
type RetentionBody = Static<typeof RetentionBody>;

const common = { tags: ['settings'], security: [{ cookie: [] }] };

/**
 * `/v1/admin/retention`: how long the org's analytics data is kept. Every row carries the value it
 * was written with and ClickHouse's TTL drops it when due; a change applies to rows written after
 * it (within a second, through ingest's config reload).
 */
export function retentionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/admin/retention',
    {
      schema: {
        ...common,
        summary: 'How many days the org’s events are kept',
        response: { 200: RetentionBody, 401: { $ref: 'ErrorBody#' } },
      },
    },
    async (req) => ({ retentionDays: await getRetentionDays(deps.sql, currentUser(req).orgId) }),
  );

  app.put<{ Body: RetentionBody }>(
    '/v1/admin/retention',
    {
      schema: {
        ...common,
        summary: 'Change how many days the org’s events are kept (rows written from now on)',
        body: RetentionBody,
        response: {
          200: RetentionBody,
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
          403: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => {
      const { orgId } = requireConfigWriter(req);
      return { retentionDays: await setRetentionDays(deps.sql, orgId, req.body.retentionDays) };
    },
  );
}
