import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { aiToolInventory, breakdown, BREAKDOWN_SORTS } from '../analytics/breakdowns.ts';
import { dlpOverview, dlpTrend } from '../analytics/dlp.ts';
import { eventsOverTime, eventsSummary } from '../analytics/overview.ts';
import { resolveHourRange } from '../analytics/range.ts';
import { ApiError } from '@kairro/http';
import { currentUser } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import {
  AiToolsBody,
  BreakdownBody,
  DlpOverviewBody,
  DlpTrendBody,
  errors,
  rangeFields,
} from './analytics-schemas.ts';

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

/** Aggregate queries default to the last 7 days and reach back at most 10 years. */
const DEFAULT_HOURS = 24 * 7;
const aggregateRange = rangeFields(24 * 3660);
/** An hourly trend stops at 93 days of buckets; beyond that ask for days. */
const MAX_HOURLY_SPAN_HOURS = 24 * 93;

const DlpOverviewQuery = Type.Object(
  {
    ...aggregateRange,
    top: Type.Integer({ minimum: 1, maximum: 20, default: 20, description: 'Top patterns' }),
  },
  { additionalProperties: false },
);
const DlpTrendQuery = Type.Object(
  {
    ...aggregateRange,
    bucket: Type.Union([Type.Literal('hour'), Type.Literal('day')], { default: 'hour' }),
    detector: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,63}$' })),
    severity: Type.Optional(
      Type.Union([
        Type.Literal('LOW'),
        Type.Literal('MEDIUM'),
        Type.Literal('HIGH'),
        Type.Literal('CRITICAL'),
      ]),
    ),
  },
  { additionalProperties: false },
);
const BreakdownQuery = Type.Object(
  {
    ...aggregateRange,
    by: Type.Union([Type.Literal('user'), Type.Literal('tool'), Type.Literal('team')]),
    sort: Type.Union(
      BREAKDOWN_SORTS.map((s) => Type.Literal(s)),
      { default: 'events' },
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    tool: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    team: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
const AiToolsQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
  { additionalProperties: false },
);

const route = (summary: string, querystring: unknown, body: unknown) => ({
  schema: {
    summary,
    tags: ['analytics'],
    security: [{ cookie: [] }],
    querystring,
    response: { 200: body, ...errors },
  },
});

export function analyticsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const ch = deps.clickhouse.client;

  app.get<{ Querystring: Static<typeof RangeQuery> }>(
    '/v1/admin/analytics/events-over-time',
    route(
      'Event counts per time bucket and action (sparse: missing buckets are 0)',
      RangeQuery,
      Type.Object({
        bucketSeconds: Type.Integer(),
        buckets: Type.Array(
          Type.Object({ start: Type.String(), action: Type.String(), count: Type.Integer() }),
        ),
      }),
    ),
    async (req) => eventsOverTime(ch, currentUser(req).orgId, req.query.hours),
  );

  app.get<{ Querystring: Static<typeof RangeQuery> }>(
    '/v1/admin/analytics/summary',
    route(
      'Event totals by action over the range',
      RangeQuery,
      Type.Object({ total: Type.Integer(), byAction: ActionCounts }),
    ),
    async (req) => eventsSummary(ch, currentUser(req).orgId, req.query.hours),
  );

  app.get<{ Querystring: Static<typeof DlpOverviewQuery> }>(
    '/v1/admin/analytics/dlp',
    route(
      'DLP findings by severity and detector, top patterns, HIGH/CRITICAL in the last 7 days, block/warn ratios (whole hours; default the last 7 days)',
      DlpOverviewQuery,
      DlpOverviewBody,
    ),
    async (req) => {
      const now = new Date();
      const range = resolveHourRange(req.query, now, DEFAULT_HOURS);
      return dlpOverview(ch, currentUser(req).orgId, range, { top: req.query.top, now });
    },
  );

  app.get<{ Querystring: Static<typeof DlpTrendQuery> }>(
    '/v1/admin/analytics/dlp/trend',
    route('DLP findings per hour or day and severity (sparse)', DlpTrendQuery, DlpTrendBody),
    async (req) => {
      const range = resolveHourRange(req.query, new Date(), DEFAULT_HOURS);
      const { bucket, detector, severity } = req.query;
      if (bucket === 'hour' && range.to.getTime() - range.from.getTime() > MAX_HOURLY_SPAN_HOURS * 3_600_000)
        throw new ApiError('BAD_REQUEST', 'Hourly trends cover at most 93 days; use bucket=day.');
      return dlpTrend(ch, currentUser(req).orgId, range, { bucket, detector, severity });
    },
  );

  app.get<{ Querystring: Static<typeof BreakdownQuery> }>(
    '/v1/admin/analytics/breakdown',
    route(
      'Top users, tools or teams with events, block/warn counts and DLP findings',
      BreakdownQuery,
      BreakdownBody,
    ),
    async (req) => {
      const range = resolveHourRange(req.query, new Date(), DEFAULT_HOURS);
      const { by, sort, limit, tool, team } = req.query;
      return breakdown(ch, currentUser(req).orgId, range, { by, sort, limit, tool, team });
    },
  );

  app.get<{ Querystring: Static<typeof AiToolsQuery> }>(
    '/v1/admin/analytics/ai-tools',
    route(
      "The org's AI tool inventory: first and last seen, distinct users, events, blocked and warned",
      AiToolsQuery,
      AiToolsBody,
    ),
    async (req) => ({ tools: await aiToolInventory(ch, currentUser(req).orgId, req.query.limit) }),
  );
}
