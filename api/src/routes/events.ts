import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { eventDlpMatches } from '../analytics/dlp-matches.ts';
import { listEvents } from '../analytics/events.ts';
import { ApiError } from '@kairro/http';
import { currentUser } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';

const EventsQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

const EventView = Type.Object({
  eventId: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  userEmail: Type.String(),
  tool: Type.String(),
  urlHost: Type.String(),
  action: Type.String(),
  riskLevel: Type.String(),
  matchCount: Type.Integer(),
  detectors: Type.Array(Type.String()),
  promptSnippet: Type.String(),
  reasons: Type.Array(Type.String()),
});

export function eventRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/v1/admin/events',
    {
      schema: {
        summary: "The org's events, newest first",
        tags: ['events'],
        security: [{ cookie: [] }],
        querystring: EventsQuery,
        response: {
          200: Type.Object({
            events: Type.Array(EventView),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => listEvents(deps.clickhouse.client, currentUser(req).orgId, req.query),
  );

  app.get<{ Params: { eventId: string } }>(
    '/v1/admin/events/:eventId/dlp',
    {
      schema: {
        summary: 'The DLP findings of one event (redacted snippets)',
        tags: ['events'],
        security: [{ cookie: [] }],
        params: Type.Object({ eventId: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            matches: Type.Array(
              Type.Object({
                detector: Type.String(),
                ruleId: Type.String(),
                severity: Type.String(),
                target: Type.String(),
                start: Type.Integer(),
                end: Type.Integer(),
                snippet: Type.String(),
              }),
            ),
          }),
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
          404: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => {
      const matches = await eventDlpMatches(
        deps.clickhouse.client,
        currentUser(req).orgId,
        req.params.eventId,
      );
      if (!matches) throw new ApiError('NOT_FOUND', `No event ${req.params.eventId} in your organisation.`);
      return { matches };
    },
  );
}
