import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';

export const CLICKHOUSE_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

/**
 * Applies `NNNN_name.sql` files in order, each once, recorded in `schema_migrations`. ClickHouse has
 * no transactional DDL, so every statement is written to be re-runnable (IF NOT EXISTS): a migration
 * interrupted half-way is simply applied again.
 */
export async function migrateClickHouse(
  client: ClickHouseClient,
  dir = CLICKHOUSE_MIGRATIONS_DIR,
): Promise<MigrationResult> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations (
      name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY name`,
  });
  const done = new Set(
    (
      await client
        .query({ query: 'SELECT name FROM schema_migrations FINAL', format: 'JSONEachRow' })
        .then((r) => r.json<{ name: string }>())
    ).map((r) => r.name),
  );
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const result: MigrationResult = { applied: [], skipped: [] };
  for (const file of files) {
    if (done.has(file)) {
      result.skipped.push(file);
      continue;
    }
    for (const statement of splitStatements(await readFile(new URL(file, `file://${dir}`), 'utf8'))) {
      await client.command({ query: statement });
    }
    await client.insert({ table: 'schema_migrations', values: [{ name: file }], format: 'JSONEachRow' });
    result.applied.push(file);
  }
  return result;
}

/** Splits on `;` at line ends; our migration files keep one statement per `;`-terminated block. */
export function splitStatements(sql: string): string[] {
  return sql
    .replace(/^\s*--.*$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
