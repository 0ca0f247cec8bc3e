import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseErrorType, connectClickHouse, type ClickHouse } from './connect.ts';
import { insertJsonRows } from './insert.ts';
import { migrateClickHouse, splitStatements } from './migrate.ts';

describe('ClickHouse on chDB', () => {
  let ch: ClickHouse;
  const path = join(mkdtempSync(join(tmpdir(), 'kairro-ch-')), 'clickhouse');

  beforeAll(async () => {
    ch = await connectClickHouse({ kind: 'embedded', path, database: 'kairro' });
  });
  afterAll(async () => {
    await ch?.close();
  });

  it('applies migrations once and records them', async () => {
    const first = await migrateClickHouse(ch.client);
    expect(first.applied).toContain('0001_events.sql');
    const second = await migrateClickHouse(ch.client);
    expect(second.applied).toEqual([]);
    expect(second.skipped).toEqual(first.applied);
    const tables = await ch.client
      .query({
        query: 'SELECT name FROM system.tables WHERE database = currentDatabase()',
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ name: string }>());
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['events', 'dlp_matches', 'schema_migrations']),
    );
  });

  it('works in the kairro database and reports errors with a type', async () => {
    const [row] = await ch.client
      .query({ query: 'SELECT currentDatabase() AS db', format: 'JSONEachRow' })
      .then((r) => r.json<{ db: string }>());
    expect(row!.db).toBe('kairro');
    const err = await ch.client.query({ query: 'SELECT * FROM no_such_table' }).catch((e: unknown) => e);
    expect(clickHouseErrorType(err)).toBe('UNKNOWN_TABLE');
    expect(await ch.ping()).toBe(true);
  });

  it('inserts rows of JSON text as they are', async () => {
    await ch.client.command({
      query: 'CREATE TABLE text_rows (id UInt32, s String, n Float64) ENGINE = MergeTree ORDER BY id',
    });
    const rows = [
      { id: 1, s: 'line one\nline two\t"quoted" \\ back\r', n: 1.5 },
      { id: 2, s: 'é 组织 🙂 \u2028 \u0000', n: 2 },
    ];
    await insertJsonRows(
      ch.client,
      'text_rows',
      rows.map((r) => JSON.stringify(r)),
    );
    const stored = await ch.client
      .query({ query: 'SELECT id, s, n FROM text_rows ORDER BY id', format: 'JSONEachRow' })
      .then((r) => r.json());
    expect(stored).toEqual(rows);

    const err = await insertJsonRows(ch.client, 'text_rows', ['{"id":"not a number"}']).catch(
      (e: unknown) => e,
    );
    expect(clickHouseErrorType(err)).toMatch(/^CANNOT_PARSE_/);
  });
});

describe('splitStatements', () => {
  it('splits on semicolons at line ends and drops comments', () => {
    const sql = `-- header; with a semicolon\nCREATE TABLE a (x String DEFAULT ';');\n\nCREATE TABLE b (y UInt8);\n`;
    expect(splitStatements(sql)).toEqual([
      "CREATE TABLE a (x String DEFAULT ';')",
      'CREATE TABLE b (y UInt8)',
    ]);
  });
});
