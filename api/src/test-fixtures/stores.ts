import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import { connectPostgres, migratePostgres, type Sql } from '@kairro/postgres';
import { createTestDatabase } from '../../../test/helpers/pg.ts';

export interface TestStores {
  sql: Sql;
  ch: ClickHouse;
  /** Closes both and drops the database. */
  close(): Promise<void>;
}

/** A fresh database on the machine's PostgreSQL and an embedded chDB, both migrated. */
export async function startTestStores(): Promise<TestStores> {
  const db = await createTestDatabase();
  const sql = connectPostgres(db.url, { max: 4 });
  await migratePostgres(sql);
  const ch = await connectClickHouse({
    kind: 'embedded',
    path: join(mkdtempSync(join(tmpdir(), 'kairro-ch-')), 'clickhouse'),
    database: 'kairro',
  });
  await migrateClickHouse(ch.client);
  return {
    sql,
    ch,
    async close() {
      await ch.close();
      await sql.end();
      await db.drop();
    },
  };
}
