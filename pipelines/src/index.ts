export { startClickHouseWriter, TOPIC_TABLES, CLICKHOUSE_WRITER_GROUP } from './clickhouse-writer.ts';
export type { WriterLogger } from './clickhouse-writer.ts';
export { DEAD_LETTER_TOPIC } from './dead-letters.ts';
export type { DeadLetter } from './dead-letters.ts';
export { buildPipelinesHealthApp } from './health-app.ts';
