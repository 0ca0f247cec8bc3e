import shift from 'postgres-shift';
import { fileURLToPath } from 'node:url';
import type { Sql } from './connect.ts';

export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

// Arbitrary constant shared by every Kairro process: serialises migrations when several start at once.
const MIGRATION_LOCK = 724_190_311;

/**
 * Applies `NNNNN_name.sql` migrations once each, in a transaction, tracked in the `migrations` table
 * (postgres-shift). A session advisory lock makes concurrent boots (ingest + api) wait for each other.
 */
export async function migratePostgres(sql: Sql, dir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  const lock = await sql.reserve();
  const applied: string[] = [];
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await shift({ sql, path: dir, after: (m: { name: string }) => applied.push(m.name) });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    lock.release();
  }
  return applied;
}
