// The SQL workbench's calls: run a read-only query over the org's ClickHouse tables, download the
// same query as CSV, list the tables and columns it may read.
import { ApiError, request } from './client.ts';

type Fetch = typeof fetch;

export interface SqlColumn {
  name: string;
  type: string;
}

export interface SqlResult {
  columns: SqlColumn[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

export interface SqlSchema {
  tables: { name: string; columns: SqlColumn[] }[];
  limits: { maxRows: number; maxExecutionSeconds: number; maxMemoryBytes: number; maxRowsToRead: number };
}

export function runSql(sql: string): Promise<SqlResult> {
  return request<SqlResult>('/sql', { method: 'POST', body: { sql, format: 'json' } });
}

export function sqlSchema(fetcher?: Fetch): Promise<SqlSchema> {
  return request<SqlSchema>('/sql/schema', { fetch: fetcher });
}

/** The query's result as a CSV file (the API streams it); errors come back as the usual envelope. */
export async function downloadSqlCsv(sql: string): Promise<Blob> {
  const response = await fetch('/v1/admin/sql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'text/csv, application/json' },
    body: JSON.stringify({ sql, format: 'csv' }),
  }).catch(() => {
    throw new ApiError(0, 'network_error', 'Cannot reach the Kairro API. Check that it is running.');
  });
  if (response.ok) return response.blob();
  const body = (await response.json().catch(() => undefined)) as
    { error?: { code: string; message: string } } | undefined;
  throw new ApiError(
    response.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `Request failed (HTTP ${response.status}).`,
  );
}
