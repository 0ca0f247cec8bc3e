/** Limits of one workbench query (documented in README.md). */
export const SQL_LIMITS = {
  /** Rows returned; one more is fetched to know whether the result was cut. */
  maxRows: 10_000,
  maxExecutionSeconds: 10,
  maxMemoryBytes: 256 * 1024 * 1024,
  maxRowsToRead: 50_000_000,
  maxResultBytes: 64 * 1024 * 1024,
  /** Characters of SQL accepted in a request. */
  maxSqlLength: 50_000,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A ClickHouse string literal: backslash and quote escaped. */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The SETTINGS clause appended to every workbench query. Written into the query text rather than
 * passed as client settings: chDB turns client settings into session-wide `SET`s, which would stay
 * on its one session and filter every later query of the process. `additional_table_filters`
 * restricts each allowed table, under both its plain and its qualified name, to the org's rows;
 * `readonly` comes last so nothing after it could change a setting.
 */
export function settingsClause(orgId: string, database: string, tables: Iterable<string>): string {
  if (!UUID.test(orgId)) throw new Error(`Refusing to build an org filter for a non-UUID org id`);
  const filter = quoteString(`org_id = ${quoteString(orgId)}`);
  const entries = [...tables].flatMap((t) => [
    `${quoteString(t)}: ${filter}`,
    `${quoteString(`${database}.${t}`)}: ${filter}`,
  ]);
  return [
    `SETTINGS additional_table_filters = {${entries.join(', ')}}`,
    `max_execution_time = ${SQL_LIMITS.maxExecutionSeconds}`,
    `timeout_overflow_mode = 'throw'`,
    `max_memory_usage = ${SQL_LIMITS.maxMemoryBytes}`,
    `max_rows_to_read = ${SQL_LIMITS.maxRowsToRead}`,
    `read_overflow_mode = 'throw'`,
    `max_result_rows = ${SQL_LIMITS.maxRows + 1}`,
    `max_result_bytes = ${SQL_LIMITS.maxResultBytes}`,
    `result_overflow_mode = 'throw'`,
    `output_format_json_quote_64bit_integers = 1`,
    `readonly = 1`,
  ].join(', ');
}
