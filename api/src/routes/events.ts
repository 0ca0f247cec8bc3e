import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { eventDlpMatches } from '../analytics/dlp-matches.ts';
import { listEvents, streamEvents } from '../analytics/events.ts';
import { EXPORT_CONTENT_TYPES, exportFileName, formatEvents } from '../analytics/export-format.ts';
import { eventWarnOverride } from '../analytics/warn-overrides.ts';
import { ApiError } from '@kairro/http';
import { currentUser } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { errors, eventFilterFields, EventView } from './analytics-schemas.ts';

const EventsQuery = Type.Object(
  {
    ...eventFilterFields,
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

/** Exports stop at this many rows; narrow the filters for more. */
export const EXPORT_MAX_ROWS = 100_000;

const ExportQuery = Type.Object(
  {
    ...eventFilterFields,
    format: Type.Union([Type.Literal('csv'), Type.Literal('ndjson')], { default: 'csv' }),
    limit: Type.Integer({ minimum: 1, maximum: EXPORT_MAX_ROWS, default: 10_000, description: 'Row cap' }),
  },
  { additionalProperties: false },
);

export function eventRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/v1/admin/events',
    {
      schema: {
        summary: "The org's events matching the filters, newest first (keyset pagination)",
        tags: ['events'],
        security: [{ cookie: [] }],
        querystring: EventsQuery,
        response: {
          200: Type.Object({
            events: Type.Array(EventView),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (req) => listEvents(deps.clickhouse.client, currentUser(req).orgId, req.query),
  );

  app.get<{ Querystring: Static<typeof ExportQuery> }>(
    '/v1/admin/events/export',
    {
      schema: {
        summary: "Export the org's events matching the filters as CSV or NDJSON (streamed, newest first)",
        tags: ['events'],
        security: [{ cookie: [] }],
        querystring: ExportQuery,
        response: {
          200: {
            description: 'A file download (Content-Disposition: attachment)',
            content: {
              'text/csv': { schema: Type.String() },
              'application/x-ndjson': { schema: Type.String() },
            },
          },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const now = new Date();
      const { format, ...filters } = req.query;
      const events = streamEvents(deps.clickhouse.client, currentUser(req).orgId, filters, now);
      // Start the query before answering, so a failure is still a JSON error and not a cut file.
      const first = await events.next();
      // If the client goes away before the file is read, the ClickHouse result is still released.
      reply.raw.once('close', () => void events.return(undefined).catch(() => {}));
      async function* all() {
        if (!first.done) yield first.value;
        yield* events;
      }
      return reply
        .header('content-type', EXPORT_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${exportFileName(format, now)}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(formatEvents(all(), format)));
    },
  );

  app.get<{ Params: { eventId: string } }>(
    '/v1/admin/events/:eventId/dlp',
    {
      schema: {
        summary: 'The DLP findings of one event (redacted snippets), and its WARN override if any',
        description:
          '`override` is set when the employee chose "Send anyway" on this WARN: their ' +
          'justification (DLP-redacted, at most 500 characters), when, and who; else null.',
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
            override: Type.Union([
              Type.Object({
                justification: Type.String(),
                occurredAt: Type.String({ format: 'date-time' }),
                userEmail: Type.String(),
              }),
              Type.Null(),
            ]),
          }),
          ...errors,
          404: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => {
      const { orgId } = currentUser(req);
      const ch = deps.clickhouse.client;
      const [matches, override] = await Promise.all([
        eventDlpMatches(ch, orgId, req.params.eventId),
        eventWarnOverride(ch, orgId, req.params.eventId),
      ]);
      if (!matches) throw new ApiError('NOT_FOUND', `No event ${req.params.eventId} in your organisation.`);
      return { matches, override };
    },
  );
}
