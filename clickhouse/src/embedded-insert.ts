import { parseError, type ClickHouseClient } from '@clickhouse/client';
import type { ChdbExtension } from 'chdb/connection';

/** Inserts a JSONEachRow body into a table, bypassing the SQL text. */
export type RawJsonInsert = (table: string, body: Buffer) => Promise<void>;

const rawInserts = new WeakMap<ClickHouseClient, RawJsonInsert>();

/**
 * Routes `insertJsonRows` on an embedded client through chDB's raw insert: the body is handed to
 * the engine as bytes instead of being appended to the statement text, which the client's `exec`
 * does. Measured on 10,000 ingest-shaped events: 187 ms instead of 224 ms per insert (the parse
 * alone: 86 ms instead of 135 ms).
 */
export function useChdbRawInsert(
  client: ClickHouseClient,
  chdb: ChdbExtension,
  settings: Readonly<Record<string, string>>,
): void {
  rawInserts.set(client, async (table, body) => {
    try {
      await chdb.rawInsert({ table, values: body, format: 'JSONEachRow', settings: { ...settings } });
    } catch (err) {
      // Raw insert errors carry no ClickHouse type; callers tell bad rows from outages by it.
      const mapped = parseError(err instanceof Error ? err.message : String(err));
      if (mapped !== err) mapped.cause = err;
      throw mapped;
    }
  });
}

export const rawInsertOf = (client: ClickHouseClient): RawJsonInsert | undefined => rawInserts.get(client);
