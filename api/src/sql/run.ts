import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { toApiError } from './errors.ts';
import { guardQuery, type GuardContext } from './guard.ts';
import { SQL_LIMITS } from './settings.ts';
import { loadSqlTables } from './tables.ts';

export interface SqlResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

/** The guard context of one caller: their org, the database and the tables that exist now. */
export async function sqlContext(
  ch: ClickHouseClient,
  orgId: string,
  database: string,
): Promise<GuardContext> {
  const tables = await loadSqlTables(ch);
  return { orgId, database, tables: new Set(tables.map((t) => t.name)) };
}

export async function runSqlJson(ch: ClickHouseClient, sql: string, ctx: GuardContext): Promise<SqlResult> {
  const query = await guardQuery(ch, sql, ctx, SQL_LIMITS.maxRows + 1);
  const started = performance.now();
  try {
    const result = await ch.query({ query, format: 'JSONCompact' }).then((r) => r.json<unknown[]>());
    const rows = result.data.slice(0, SQL_LIMITS.maxRows);
    return {
      columns: (result.meta ?? []).map((m) => ({ name: m.name, type: m.type })),
      rows,
      rowCount: rows.length,
      truncated: result.data.length > SQL_LIMITS.maxRows,
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    throw toApiError(err);
  }
}

/** CSV with a header line, at most `maxRows` rows, streamed as ClickHouse produces it. */
export async function runSqlCsv(ch: ClickHouseClient, sql: string, ctx: GuardContext): Promise<Readable> {
  const query = await guardQuery(ch, sql, ctx, SQL_LIMITS.maxRows);
  try {
    const result = await ch.query({ query, format: 'CSVWithNames' });
    return Readable.from(
      (async function* () {
        for await (const rows of result.stream()) for (const row of rows) yield `${row.text}\n`;
      })(),
    );
  } catch (err) {
    throw toApiError(err);
  }
}
