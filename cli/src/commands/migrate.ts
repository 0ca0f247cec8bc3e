import { loadConfig } from '../config.ts';
import { createLogger } from '../platform/run.ts';
import { openClickHouse, openPostgres } from '../platform/stores.ts';

/** Applies pending Postgres and ClickHouse migrations and exits (start applies them too). */
export async function migrate(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const pg = await openPostgres(config, log);
  try {
    const ch = await openClickHouse(config, log);
    await ch.close();
  } finally {
    await pg.close();
  }
  log.info('migrations up to date');
}
