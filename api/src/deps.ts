import type { ClickHouse } from '@kairro/clickhouse';
import type { Sql } from '@kairro/postgres';
import type { LiveHub } from './live/hub.ts';

export interface ApiDeps {
  sql: Sql;
  clickhouse: ClickHouse;
  /** Built console (SvelteKit static output) served on the same origin; omitted when not built. */
  consoleDir?: string | undefined;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  secureCookies: boolean;
  /** The live feed (`/v1/admin/live`); absent when this process has no record stream. */
  live?: LiveHub | undefined;
}
