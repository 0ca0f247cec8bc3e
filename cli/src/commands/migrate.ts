import { loadConfig } from '../config.ts';
import { lockIfEmbedded } from '../platform/data-dir-lock.ts';
import { createLogger } from '../platform/run.ts';
import { openClickHouse, openPostgres } from '../platform/stores.ts';

/** Applies pending Postgres and ClickHouse migrations and exits (start applies them too). */
export async function migrate(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const lock = lockIfEmbedded(config, { clickhouse: true, diskStream: false });
  try {
    const pg = await openPostgres(config, log);
    try {
      const ch = await openClickHouse(config, log);
      await ch.close();
    } finally {
      await pg.close();
    }
  } finally {
    lock?.release();
  }
  log.info('migrations up to date');
}
