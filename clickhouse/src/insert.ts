import type { ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { quoteIdent } from './connect.ts';

/**
 * Inserts rows that already are JSON text, one object per row, into `table` as JSONEachRow.
 * `client.insert` takes only values it serialises itself (JSON formats) or raw-format streams (CSV,
 * TSV…), so this sends the text as the body of an `INSERT … FORMAT JSONEachRow`, which both
 * connections take: the HTTP one streams it as the request body, chDB appends it to the statement.
 * A row must hold no raw line break: JSONEachRow reads one row per line.
 */
export async function insertJsonRows(
  client: ClickHouseClient,
  table: string,
  rows: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const result = await client.exec({
    query: `INSERT INTO ${quoteIdent(table)} FORMAT JSONEachRow`,
    values: Readable.from([rows.join('\n')], { objectMode: false }),
  });
  // The HTTP connection keeps its socket until the (empty) response is read.
  await finished(result.stream.resume());
}
