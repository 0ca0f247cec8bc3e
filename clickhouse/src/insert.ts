import type { ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { quoteIdent } from './connect.ts';
import { rawInsertOf } from './embedded-insert.ts';

/**
 * Inserts rows that already are JSON text, one object per row, into `table` as JSONEachRow.
 * `client.insert` takes only values it serialises itself (JSON formats) or raw-format streams (CSV,
 * TSV…), so over HTTP this sends the text as the body of an `INSERT … FORMAT JSONEachRow`; on chDB it
 * goes through the raw insert (embedded-insert.ts). A row must hold no raw line break: JSONEachRow
 * reads one row per line.
 */
export async function insertJsonRows(
  client: ClickHouseClient,
  table: string,
  rows: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const quoted = quoteIdent(table);
  const raw = rawInsertOf(client);
  // chDB checks and quotes the name itself; quoteIdent above refused anything else.
  if (raw) return raw(table, Buffer.from(rows.join('\n')));
  const result = await client.exec({
    query: `INSERT INTO ${quoted} FORMAT JSONEachRow`,
    values: Readable.from([rows.join('\n')], { objectMode: false }),
  });
  // The HTTP connection keeps its socket until the (empty) response is read.
  await finished(result.stream.resume());
}
