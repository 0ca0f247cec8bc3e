import type { ClickHouseClient } from '@clickhouse/client';

/**
 * Tables the SQL workbench may read. Add a table here when a migration creates one that data teams
 * should query; it is offered only once it exists and has an `org_id` column, because that column is
 * what the org filter (`additional_table_filters`) is written on. Materialized views are not listed:
 * query their `TO` tables.
 */
export const SQL_TABLE_CANDIDATES: readonly string[] = [
  'events',
  'dlp_matches',
  'shadow_ai_events',
  'warn_overrides',
  'events_hourly',
  'event_counts_hourly',
  'user_events_daily',
  'dlp_hourly',
  'ai_tool_inventory',
  'tool_usage_daily',
];

export interface SqlColumn {
  name: string;
  type: string;
}

export interface SqlTable {
  name: string;
  columns: SqlColumn[];
}

/** The candidate tables that exist in the database and carry `org_id`, with their columns. */
export async function loadSqlTables(ch: ClickHouseClient): Promise<SqlTable[]> {
  const rows = await ch
    .query({
      query: `
        SELECT table, name, type
        FROM system.columns
        WHERE database = currentDatabase() AND table IN {tables:Array(String)}
        ORDER BY table, position`,
      query_params: { tables: SQL_TABLE_CANDIDATES },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ table: string; name: string; type: string }>());
  const byTable = new Map<string, SqlColumn[]>();
  for (const row of rows) {
    const columns = byTable.get(row.table) ?? [];
    columns.push({ name: row.name, type: row.type });
    byTable.set(row.table, columns);
  }
  return SQL_TABLE_CANDIDATES.flatMap((name) => {
    const columns = byTable.get(name);
    return columns?.some((c) => c.name === 'org_id') ? [{ name, columns }] : [];
  });
}
