export { connectClickHouse, quoteIdent, clickHouseErrorType } from './connect.ts';
export type { ClickHouse, ClickHouseTarget } from './connect.ts';
export { migrateClickHouse, splitStatements, CLICKHOUSE_MIGRATIONS_DIR } from './migrate.ts';
export type { MigrationResult } from './migrate.ts';
export { insertJsonRows } from './insert.ts';
