import type { ClickHouseClient } from '@clickhouse/client';
import { TOPICS } from '@kairro/core';
import type { ConsumedRecord, RecordStream, Subscription } from '@kairro/stream';

/** Which ClickHouse table each topic lands in. */
export const TOPIC_TABLES: Readonly<Record<string, string>> = {
  [TOPICS.events]: 'events',
  [TOPICS.dlpMatches]: 'dlp_matches',
};

export const CLICKHOUSE_WRITER_GROUP = 'kairro-clickhouse-writer';

export interface WriterLogger {
  error(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

/**
 * Consumes record batches and inserts each into its table. The stream commits a batch only after the
 * handler resolves, i.e. after ClickHouse acknowledged the insert; a failed insert rejects and the
 * batch is redelivered. Tables are ReplacingMergeTree keyed on the event id, so a redelivery after a
 * crash between insert and commit collapses into the rows already written.
 */
export async function startClickHouseWriter(deps: {
  stream: RecordStream;
  clickhouse: ClickHouseClient;
  logger: WriterLogger;
}): Promise<Subscription> {
  return deps.stream.subscribe({
    groupId: CLICKHOUSE_WRITER_GROUP,
    topics: Object.keys(TOPIC_TABLES),
    handler: async (records: ConsumedRecord[]) => {
      const first = records[0];
      if (!first) return;
      const table = TOPIC_TABLES[first.topic];
      if (!table) throw new Error(`No table for topic ${first.topic}`);
      try {
        await deps.clickhouse.insert({ table, values: records.map((r) => r.value), format: 'JSONEachRow' });
      } catch (err) {
        deps.logger.error(
          { err, table, records: records.length },
          'ClickHouse insert failed; batch will be retried',
        );
        throw err;
      }
    },
  });
}
