import type { ClickHouseClient } from '@clickhouse/client';
import { clickHouseErrorType, insertJsonRows } from '@kairro/clickhouse';
import { TOPICS } from '@kairro/core';
import type { ConsumedRecord, RecordStream, Subscription } from '@kairro/stream';
import { repairAggregates } from './aggregate-repair.ts';
import { DEAD_LETTER_TOPIC, deadLetter, isDataError, shapeProblem, type DeadLetter } from './dead-letters.ts';
import { jsonLine } from './json-fields.ts';

/** Which ClickHouse table each topic lands in. */
export const TOPIC_TABLES: Readonly<Record<string, string>> = {
  [TOPICS.events]: 'events',
  [TOPICS.dlpMatches]: 'dlp_matches',
  [TOPICS.shadowAiEvents]: 'shadow_ai_events',
  [TOPICS.warnOverrides]: 'warn_overrides',
  [DEAD_LETTER_TOPIC]: 'dead_letters',
};

export const CLICKHOUSE_WRITER_GROUP = 'kairro-clickhouse-writer';

export interface WriterLogger {
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

/** How a table's rows are identified, for telling a redelivered row from a new one. */
const ROW_KEYS: Readonly<Record<string, readonly string[]>> = {
  events: ['event_id'],
  dlp_matches: ['event_id', 'match_index'],
  // Ids the extension chose or names: keyed with the org, so one org's ids never hide another's.
  shadow_ai_events: ['org_id', 'event_id'],
  warn_overrides: ['org_id', 'event_id'],
};

const DAY_MS = 86_400_000;

/**
 * Tables whose row ids come from the extension (a sighting's client id, the event an override
 * names) rather than from one publish: a retried HTTP request publishes the same id again at a new
 * offset, which the redelivery check below would never look at, and the views would count it twice.
 * So every batch of these tables is checked against the stored rows, and an id repeated inside the
 * batch is kept once. Their traffic is small next to `events`, so the lookup per batch is cheap.
 * The value is how far before the batch's oldest row the lookup reaches: a retry may carry a later
 * `occurred_at` than the row stored first (ingest stamps an override, and clamps a sighting dated in
 * the future, when it arrives), and ingest refuses sightings older than 7 days.
 */
const CLIENT_KEYED_LOOKBACK_MS: Readonly<Record<string, number>> = {
  shadow_ai_events: 8 * DAY_MS,
  warn_overrides: 8 * DAY_MS,
};

/**
 * Consumes record batches and inserts each into its table. The stream commits a batch only after
 * the handler resolves, i.e. after ClickHouse acknowledged the insert; a failed insert rejects and
 * the batch is redelivered after a back-off, for as long as ClickHouse is unavailable. Tables are
 * ReplacingMergeTree keyed on the event id, so a redelivery after a crash between insert and commit
 * collapses into the rows already written.
 *
 * The raw tables collapse a redelivered row, but their materialized views would count it again; so
 * a batch that may be a redelivery (the first this process sees of a partition, one at or before an
 * offset it already handled, or the retry of a failed one) is first checked against the rows
 * already stored, and only new rows are inserted. The check is rare: a steady stream never needs it.
 * Rows it finds stored may have missed the views (a crash between ClickHouse committing the raw
 * part and the views' parts), so the aggregates they feed are then recounted (aggregate-repair.ts).
 * A publisher's second copy of a record sits at a new offset; the publisher marks it (ingest's
 * forwarder does, `StreamRecord.redelivered`), and a batch holding a marked record is checked too.
 *
 * A record that can never be written (not JSON, not a row, or refused by ClickHouse as malformed)
 * goes to the dead-letter topic with the reason, and the batch moves on: one poison record must not
 * stop the stream. Malformed rows inside a batch are found by splitting it in halves.
 *
 * A record that carries its JSON text (the streams' records do) is inserted as that text and its
 * ids are read from it, so a steady stream never parses a value; the rare paths above do.
 */
export async function startClickHouseWriter(deps: {
  stream: RecordStream;
  clickhouse: ClickHouseClient;
  logger: WriterLogger;
  now?: () => Date;
}): Promise<Subscription> {
  const now = deps.now ?? (() => new Date());
  /** Last offset handled per topic partition in this process; absent = unknown, check for repeats. */
  const handled = new Map<string, bigint>();
  const partitionOf = (r: ConsumedRecord): string => `${r.topic}\u0000${r.partition}`;

  function mayBeRedelivery(records: readonly ConsumedRecord[]): boolean {
    const last = handled.get(partitionOf(records[0]!));
    return last === undefined || BigInt(records[0]!.offset) <= last;
  }

  /** The rows of `records` that the table already holds, as their key strings. */
  async function alreadyStored(table: string, records: readonly ConsumedRecord[]): Promise<Set<string>> {
    const keys = ROW_KEYS[table];
    if (!keys) return new Set();
    const rows = records.map((r) => r.value as Record<string, unknown>);
    const times = rows.map((r) => Date.parse(String(r['occurred_at']))).filter((t) => !Number.isNaN(t));
    const lookback = CLIENT_KEYED_LOOKBACK_MS[table] ?? 0;
    let stored: Array<Record<string, string>>;
    try {
      const result = await deps.clickhouse.query({
        query: `SELECT ${keys.map((k) => `toString(${k}) AS ${k}`).join(', ')} FROM ${table}
                WHERE org_id IN {orgs:Array(String)} AND toString(event_id) IN {ids:Array(String)}
                ${times.length ? 'AND occurred_at BETWEEN {from:DateTime64(3)} AND {to:DateTime64(3)}' : ''}`,
        query_params: {
          orgs: [...new Set(rows.map((r) => String(r['org_id'])))],
          ids: [...new Set(rows.map((r) => String(r['event_id'])))],
          ...(times.length
            ? { from: chTime(Math.min(...times) - lookback), to: chTime(Math.max(...times)) }
            : {}),
        },
        format: 'JSONEachRow',
      });
      stored = await result.json<Record<string, string>>();
    } catch (err) {
      deps.logger.error(
        { err, table, records: records.length },
        'ClickHouse lookup failed; batch will be retried',
      );
      throw err;
    }
    return new Set(stored.map((row) => keys.map((k) => row[k]).join('\u0000')));
  }

  const keyOf = (table: string, record: ConsumedRecord): string => {
    const row = record.value as Record<string, unknown>;
    return (ROW_KEYS[table] ?? []).map((k) => String(row[k])).join('\u0000');
  };

  /** The records in order, each id once (the first record that carries it). */
  function firstOfEachKey(table: string, records: readonly ConsumedRecord[]): ConsumedRecord[] {
    const seen = new Set<string>();
    return records.filter((r) => {
      const key = keyOf(table, r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  async function insert(table: string, records: readonly ConsumedRecord[]): Promise<void> {
    await insertJsonRows(deps.clickhouse, table, records.map(rowText));
  }

  /** Inserts what it can; returns the records ClickHouse refused as malformed, with why. */
  async function insertOrIsolate(
    table: string,
    records: readonly ConsumedRecord[],
  ): Promise<Array<[ConsumedRecord, string]>> {
    try {
      await insert(table, records);
      return [];
    } catch (err) {
      if (!isDataError(clickHouseErrorType(err))) {
        deps.logger.error(
          { err, table, records: records.length },
          'ClickHouse insert failed; batch will be retried',
        );
        throw err;
      }
      if (records.length === 1) return [[records[0]!, `ClickHouse refused the row: ${message(err)}`]];
      const half = Math.ceil(records.length / 2);
      return [
        ...(await insertOrIsolate(table, records.slice(0, half))),
        ...(await insertOrIsolate(table, records.slice(half))),
      ];
    }
  }

  async function deadLetterAll(rejected: Array<[ConsumedRecord, string]>): Promise<void> {
    if (rejected.length === 0) return;
    const letters: DeadLetter[] = rejected.map(([record, reason]) => deadLetter(record, reason, now()));
    // Published before the batch commits: if this fails, the batch is retried, so nothing is lost.
    await deps.stream.publish(
      DEAD_LETTER_TOPIC,
      letters.map((letter) => ({ key: letter.org_id, value: letter })),
    );
    deps.logger.warn?.(
      { records: letters.map((l) => ({ topic: l.topic, offset: l.source_offset, reason: l.reason })) },
      'records dead-lettered',
    );
  }

  return deps.stream.subscribe({
    groupId: CLICKHOUSE_WRITER_GROUP,
    topics: Object.keys(TOPIC_TABLES),
    handler: async (records: ConsumedRecord[]) => {
      const first = records[0];
      if (!first) return;
      const table = TOPIC_TABLES[first.topic];
      if (!table) throw new Error(`No table for topic ${first.topic}`);
      const rejected: Array<[ConsumedRecord, string]> = [];
      const rows: ConsumedRecord[] = [];
      for (const record of records) {
        const problem = shapeProblem(record);
        if (problem) rejected.push([record, problem]);
        else rows.push(record);
      }
      const key = partitionOf(first);
      const repeat = mayBeRedelivery(records);
      // Until this batch is handled, a retry of it is a possible repeat.
      handled.delete(key);
      // A publisher's second copy of a record (ingest's forwarder after a restart or a failed send)
      // is at a new offset, which the offset check above cannot tell; the publisher marks it.
      const copies = table in CLIENT_KEYED_LOOKBACK_MS || records.some((r) => r.redelivered);
      let fresh = copies ? firstOfEachKey(table, rows) : rows;
      let storedBefore: ConsumedRecord[] = [];
      if ((repeat || copies) && fresh.length > 0 && ROW_KEYS[table]) {
        const stored = await alreadyStored(table, fresh);
        storedBefore = fresh.filter((r) => stored.has(keyOf(table, r)));
        fresh = fresh.filter((r) => !stored.has(keyOf(table, r)));
      }
      if (fresh.length > 0) rejected.push(...(await insertOrIsolate(table, fresh)));
      // Rows a crashed writer stored may have missed the views: recount what they feed. A client's
      // retry found stored is no sign of a crash, so only a possible stream redelivery repairs.
      if (repeat)
        await repairAggregates(
          deps.clickhouse,
          table,
          storedBefore.map((r) => r.value as Record<string, unknown>),
        );
      if (first.topic === DEAD_LETTER_TOPIC) {
        // A dead letter is plain strings by construction; one ClickHouse refuses is logged, not looped.
        for (const [record, reason] of rejected)
          deps.logger.error({ offset: record.offset, reason }, 'dead letter could not be stored; dropped');
        return;
      }
      await deadLetterAll(rejected);
      handled.set(key, BigInt(records[records.length - 1]!.offset));
    },
  });
}

/**
 * A row as JSONEachRow text: the record's own JSON text when it has one (which spares the parse and
 * re-serialisation that cost a third of a core at 20k rows/s), else its value serialised.
 */
const rowText = (record: ConsumedRecord): string => jsonLine(record) ?? JSON.stringify(record.value);

/** Milliseconds as ClickHouse DateTime64(3) text in UTC. */
const chTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 500);
