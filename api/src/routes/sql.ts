import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ApiError } from '@kairro/http';
import { currentUser } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { runSqlCsv, runSqlJson, sqlContext } from '../sql/run.ts';
import { SqlSession } from '../sql/session.ts';
import { SQL_LIMITS } from '../sql/settings.ts';
import { loadSqlTables } from '../sql/tables.ts';

const SqlBody = Type.Object(
  {
    sql: Type.String({
      minLength: 1,
      maxLength: SQL_LIMITS.maxSqlLength,
      description: 'One SELECT or WITH … SELECT',
    }),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        default: 'json',
        description: 'json: columns and rows; csv: a streamed CSV file with a header line',
      }),
    ),
  },
  { additionalProperties: false },
);

const Column = Type.Object({ name: Type.String(), type: Type.String() });
const errors = {
  400: { $ref: 'ErrorBody#' },
  401: { $ref: 'ErrorBody#' },
  422: { $ref: 'ErrorBody#' },
  429: { $ref: 'ErrorBody#' },
};
const common = { tags: ['sql'], security: [{ cookie: [] }] };

/** Queries run one after another on chDB; a caller may not queue more than this many. */
const MAX_IN_FLIGHT_PER_ORG = 2;

export function sqlRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const inFlight = new Map<string, number>();
  const database = deps.clickhouse.target.database;
  const session = new SqlSession(deps.clickhouse);
  app.addHook('onClose', () => session.close());

  app.post<{ Body: Static<typeof SqlBody> }>(
    '/v1/admin/sql',
    {
      schema: {
        ...common,
        summary: 'Run a read-only SQL query over the org’s ClickHouse tables',
        description:
          `Only the org's own rows are visible. Results are capped at ${SQL_LIMITS.maxRows} rows ` +
          `(truncated: true), ${SQL_LIMITS.maxExecutionSeconds} s and ${SQL_LIMITS.maxMemoryBytes / 1024 / 1024} MiB.`,
        body: SqlBody,
        response: {
          200: Type.Object({
            columns: Type.Array(Column),
            rows: Type.Array(Type.Array(Type.Unknown())),
            rowCount: Type.Integer(),
            truncated: Type.Boolean(),
            elapsedMs: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { orgId } = currentUser(req);
      const running = inFlight.get(orgId) ?? 0;
      if (running >= MAX_IN_FLIGHT_PER_ORG)
        throw new ApiError(
          'RATE_LIMITED',
          'Your organisation already has SQL queries running; wait for them.',
        );
      inFlight.set(orgId, running + 1);
      try {
        const { sql, format } = req.body;
        if (format !== 'csv')
          return await session.run(async (ch) => runSqlJson(ch, sql, await sqlContext(ch, orgId, database)));
        const csv = await session.run(async (ch) =>
          runSqlCsv(ch, sql, await sqlContext(ch, orgId, database)),
        );
        return await reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="kairro-query.csv"')
          .send(csv);
      } finally {
        const left = (inFlight.get(orgId) ?? 1) - 1;
        if (left > 0) inFlight.set(orgId, left);
        else inFlight.delete(orgId);
      }
    },
  );

  app.get(
    '/v1/admin/sql/schema',
    {
      schema: {
        ...common,
        summary: 'The tables and columns the SQL workbench can query',
        response: {
          200: Type.Object({
            tables: Type.Array(Type.Object({ name: Type.String(), columns: Type.Array(Column) })),
            limits: Type.Object({
              maxRows: Type.Integer(),
              maxExecutionSeconds: Type.Integer(),
              maxMemoryBytes: Type.Integer(),
              maxRowsToRead: Type.Integer(),
            }),
          }),
          401: { $ref: 'ErrorBody#' },
        },
      },
    },
    async () => ({ tables: await loadSqlTables(deps.clickhouse.client), limits: SQL_LIMITS }),
  );
}
