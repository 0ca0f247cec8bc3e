import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { builtInCatalog, TOOL_CATEGORIES } from '@kairro/catalog';
import { listCustomTools, listDismissedHosts, listTools } from '@kairro/postgres';
import { discoveredHosts } from '../analytics/shadow-ai-discovered.ts';
import {
  formatShadowEvents,
  listShadowEvents,
  streamShadowEvents,
  type ShadowEvent,
} from '../analytics/shadow-ai-events.ts';
import { dayRangeInstants, resolveDayRange } from '../analytics/shadow-ai-range.ts';
import {
  toolUsage,
  toolUsers,
  usageBy,
  usageTotals,
  usageTrend,
  type ToolUsage,
} from '../analytics/shadow-ai.ts';
import { csvLine, EXPORT_CONTENT_TYPES, type ExportFormat } from '../analytics/export-format.ts';
import { currentUser } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { toolStatus } from '../shadow-ai/filter.ts';
import { loadShadowTools } from '../shadow-ai/org-tools.ts';
import type { ShadowTool } from '../shadow-ai/tools-view.ts';
import { errors, rangeFields } from './analytics-schemas.ts';
import { ToolStatusSchema } from './shadow-ai-schemas.ts';
import { EXPORT_MAX_ROWS } from './events.ts';

const list = (values: string) => `^(${values})(,(${values}))*$`;
const range = rangeFields(24 * 3660);
const tool = Type.String({ minLength: 1, maxLength: 253 });
const team = Type.String({ minLength: 1, maxLength: 200 });
const format = Type.Union([Type.Literal('csv'), Type.Literal('ndjson')]);
const when = Type.String({ format: 'date-time' });

const Usage = {
  tool: Type.String(),
  firstSeen: when,
  lastSeen: when,
  users: Type.Integer({ description: 'Distinct employees' }),
  events: Type.Integer({ description: 'Prompt evaluations and shadow-AI events' }),
  blocked: Type.Integer(),
  warned: Type.Integer(),
  findings: Type.Integer({ description: 'DLP findings on the tool' }),
};
const ShadowEventBody = Type.Object({
  id: Type.String(),
  occurredAt: when,
  tool: Type.String(),
  urlHost: Type.String(),
  category: Type.String(),
  userEmail: Type.String(),
  team: Type.String(),
  endpointId: Type.String(),
  action: Type.String(),
  severity: Type.String(),
  source: Type.String(),
  detail: Type.String(),
});
const Trend = Type.Object({
  day: Type.String({ format: 'date' }),
  events: Type.Integer(),
  users: Type.Integer(),
});

const RangeQuery = Type.Object({ ...range }, { additionalProperties: false });
const InventoryQuery = Type.Object(
  {
    ...range,
    category: Type.Optional(Type.Union(TOOL_CATEGORIES.map((c) => Type.Literal(c)))),
    status: Type.Optional(ToolStatusSchema),
    format: Type.Optional(Type.Literal('csv', { description: 'The tools table as CSV' })),
  },
  { additionalProperties: false },
);
const InventoryBody = Type.Object({
  tools: Type.Array(
    Type.Object({
      ...Usage,
      name: Type.String({ description: 'The tool id for a discovered host' }),
      vendor: Type.String(),
      category: Type.String({ description: "The catalog's or the org's tool's, '' for a discovered host" }),
      status: ToolStatusSchema,
      riskScore: Type.Union([Type.Integer(), Type.Null()], { description: 'null for a discovered host' }),
      riskLevel: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  trend: Type.Array(Trend),
  totals: Type.Object({ tools: Type.Integer(), users: Type.Integer(), events: Type.Integer() }),
});
const ToolBody = Type.Object({
  ...Usage,
  firstSeen: Type.Union([when, Type.Null()]),
  lastSeen: Type.Union([when, Type.Null()]),
  trend: Type.Array(Type.Object({ ...Trend.properties, blocked: Type.Integer(), warned: Type.Integer() })),
  users: Type.Array(
    Type.Object({ user_email: Type.String(), team: Type.String(), events: Type.Integer(), lastSeen: when }),
  ),
  recent: Type.Array(ShadowEventBody),
});
const UsersQuery = Type.Object(
  {
    ...range,
    by: Type.Union([Type.Literal('user'), Type.Literal('team')], { default: 'user' }),
    tool: Type.Optional(tool),
    team: Type.Optional(team),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Users or teams' }),
  },
  { additionalProperties: false },
);
const UsersBody = Type.Object({
  rows: Type.Array(
    Type.Object({
      user_email: Type.Optional(Type.String()),
      team: Type.String(),
      tools: Type.Array(Type.Object({ tool: Type.String(), events: Type.Integer(), lastSeen: when })),
      events: Type.Integer(),
    }),
  ),
});
const EventsQuery = Type.Object(
  {
    ...range,
    tool: Type.Optional(tool),
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 320, description: 'Employee email' })),
    team: Type.Optional(team),
    source: Type.Optional(Type.String({ pattern: list('extension|dlp|heuristic'), maxLength: 64 })),
    action: Type.Optional(Type.String({ pattern: list('ALLOW|WARN|MASK|BLOCK'), maxLength: 64 })),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    format: Type.Optional(format),
  },
  { additionalProperties: false },
);
const EventsBody = Type.Object({
  events: Type.Array(ShadowEventBody),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
const DiscoveredBody = Type.Object({
  hosts: Type.Array(
    Type.Object({
      host: Type.String(),
      firstSeen: when,
      lastSeen: when,
      users: Type.Integer(),
      events: Type.Integer(),
      sources: Type.Array(Type.String()),
      lastDetail: Type.String(),
    }),
  ),
});

/** A JSON body, or with `format` a file download. */
const jsonOrFile = (body: unknown, types: ExportFormat[]) => ({
  description: `JSON, or with format=${types.join('|')} a file download (Content-Disposition: attachment)`,
  content: {
    'application/json': { schema: body },
    ...Object.fromEntries(
      types.map((t) => [EXPORT_CONTENT_TYPES[t].split(';')[0]!, { schema: Type.String() }]),
    ),
  },
});
const route = (summary: string, querystring: unknown, ok: unknown, extra: object = {}) => ({
  schema: {
    summary,
    tags: ['shadow-ai'],
    security: [{ cookie: [] }],
    querystring,
    ...extra,
    response: { 200: ok, ...errors },
  },
});

/** `kairro-shadow-ai-events-20261122T103015Z.csv` */
const fileName = (what: string, format: ExportFormat, now: Date) =>
  `kairro-shadow-ai-${what}-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.${format}`;

/** Shadow-AI usage analytics over ClickHouse (contract part D2): inventory, people, events, discovered. */
export function shadowAiUsageRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const ch = deps.clickhouse.client;
  const catalog = builtInCatalog();

  app.get<{ Querystring: Static<typeof InventoryQuery> }>(
    '/v1/admin/shadow-ai/inventory',
    route(
      'AI tools in use over whole UTC days (default the last 30): first/last seen, users, events, blocked, warned, DLP findings, with what the org knows of each tool; a daily trend and totals',
      InventoryQuery,
      jsonOrFile(InventoryBody, ['csv']),
    ),
    async (req, reply) => {
      const now = new Date();
      const { orgId } = currentUser(req);
      const days = resolveDayRange(req.query, now);
      const { category, status } = req.query;
      const [usage, known] = await Promise.all([
        toolUsage(ch, orgId, days),
        loadShadowTools(deps.sql, orgId, catalog),
      ]);
      const byId = new Map(known.map((t) => [t.id, t]));
      const tools = usage
        .map((row) => inventoryRow(row, byId.get(row.tool)))
        .filter((t) => (!category || t.category === category) && (!status || t.status === status));
      if (req.query.format === 'csv') return sendFile(reply, 'inventory', 'csv', now, inventoryCsv(tools));
      const only = category || status ? tools.map((t) => t.tool) : undefined;
      const [trend, totals] = await Promise.all([
        usageTrend(ch, orgId, days, only),
        usageTotals(ch, orgId, days, only),
      ]);
      return { tools, trend: trend.map(({ day, events, users }) => ({ day, events, users })), totals };
    },
  );

  app.get<{ Params: { tool: string }; Querystring: Static<typeof RangeQuery> }>(
    '/v1/admin/shadow-ai/inventory/:tool',
    route(
      'One tool over whole UTC days: usage, daily trend, top 100 users, latest 20 shadow-AI events',
      RangeQuery,
      ToolBody,
      {
        params: Type.Object({ tool }),
      },
    ),
    async (req) => {
      const now = new Date();
      const { orgId } = currentUser(req);
      const { tool: id } = req.params;
      const days = resolveDayRange(req.query, now);
      const [usage, trend, users, recent] = await Promise.all([
        toolUsage(ch, orgId, days, [id]),
        usageTrend(ch, orgId, days, [id]),
        toolUsers(ch, orgId, days, id),
        listShadowEvents(ch, orgId, { ...dayRangeInstants(days), tool: id, limit: 20 }, now),
      ]);
      const seen = usage[0];
      return {
        tool: id,
        firstSeen: seen?.firstSeen ?? null,
        lastSeen: seen?.lastSeen ?? null,
        users,
        events: seen?.events ?? 0,
        blocked: seen?.blocked ?? 0,
        warned: seen?.warned ?? 0,
        findings: seen?.findings ?? 0,
        trend,
        recent: recent.events,
      };
    },
  );

  app.get<{ Querystring: Static<typeof UsersQuery> }>(
    '/v1/admin/shadow-ai/users',
    route(
      'Which AI tools each user (by=user) or team (by=team) used, over whole UTC days; the top `limit` by events',
      UsersQuery,
      UsersBody,
    ),
    async (req) => {
      const { by, tool: only, team: inTeam, limit } = req.query;
      const days = resolveDayRange(req.query, new Date());
      return {
        rows: await usageBy(ch, currentUser(req).orgId, days, { by, tool: only, team: inTeam, limit }),
      };
    },
  );

  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/v1/admin/shadow-ai/events',
    route(
      "The org's shadow-AI events, newest first (keyset pagination); with format=csv|ndjson the whole filtered view as a streamed file (at most 100,000 rows)",
      EventsQuery,
      jsonOrFile(EventsBody, ['csv', 'ndjson']),
    ),
    async (req, reply) => {
      const now = new Date();
      const { orgId } = currentUser(req);
      const { format: as, cursor, limit, ...filters } = req.query;
      if (!as) return listShadowEvents(ch, orgId, { ...filters, cursor, limit }, now);
      const events = streamShadowEvents(ch, orgId, { ...filters, limit: EXPORT_MAX_ROWS }, now);
      // Start the query before answering, so a failure is still a JSON error and not a cut file.
      const first = await events.next();
      // If the client goes away before the file is read, the ClickHouse result is still released.
      reply.raw.once('close', () => void events.return(undefined).catch(() => {}));
      async function* all(): AsyncGenerator<ShadowEvent> {
        if (!first.done) yield first.value;
        yield* events;
      }
      return sendFile(reply, 'events', as, now, formatShadowEvents(all(), as));
    },
  );

  app.get<{ Querystring: Static<typeof RangeQuery> }>(
    '/v1/admin/shadow-ai/discovered',
    route(
      'Hosts seen in shadow-AI events that are no catalog tool, no tool of the org (decided or its own) and not dismissed (whole UTC days)',
      RangeQuery,
      DiscoveredBody,
    ),
    async (req) => {
      const { orgId } = currentUser(req);
      const days = resolveDayRange(req.query, new Date());
      const [tools, own, dismissed] = await Promise.all([
        listTools(deps.sql, orgId),
        listCustomTools(deps.sql, orgId),
        listDismissedHosts(deps.sql, orgId),
      ]);
      const known = new Set([...tools.map((t) => t.id), ...own.map((t) => t.id), ...dismissed]);
      const ownPatterns = own.flatMap((t) => t.urlPatterns);
      return { hosts: await discoveredHosts(ch, orgId, days, known, ownPatterns) };
    },
  );
}

function sendFile(
  reply: FastifyReply,
  what: string,
  as: ExportFormat,
  now: Date,
  lines: AsyncIterable<string> | Iterable<string>,
) {
  return reply
    .header('content-type', EXPORT_CONTENT_TYPES[as])
    .header('content-disposition', `attachment; filename="${fileName(what, as, now)}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(lines));
}

/** A usage row with what the org knows of the tool: the catalog's, its own, or nothing (a host). */
function inventoryRow(row: ToolUsage, tool: ShadowTool | undefined) {
  return {
    ...row,
    name: tool?.name ?? row.tool,
    vendor: tool?.vendor ?? '',
    category: tool?.category ?? '',
    status: toolStatus(tool),
    riskScore: tool?.risk.score ?? null,
    riskLevel: tool?.risk.level ?? null,
  };
}

type InventoryRow = ReturnType<typeof inventoryRow>;

function* inventoryCsv(tools: readonly InventoryRow[]): Generator<string> {
  const columns: Array<keyof InventoryRow> = [
    'tool',
    'name',
    'vendor',
    'category',
    'status',
    'riskScore',
    'riskLevel',
    'firstSeen',
    'lastSeen',
    'users',
    'events',
    'blocked',
    'warned',
    'findings',
  ];
  yield csvLine(columns);
  for (const t of tools) yield csvLine(columns.map((c) => String(t[c] ?? '')));
}
