export { startClickHouseWriter, TOPIC_TABLES, CLICKHOUSE_WRITER_GROUP } from './clickhouse-writer.ts';
export type { WriterLogger } from './clickhouse-writer.ts';
export { buildPipelinesHealthApp } from './health-app.ts';
