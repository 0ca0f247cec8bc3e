import { TOPICS } from '@kairro/core';
import type { ConsumedRecord } from '@kairro/stream';
import { jsonLine, topLevelStrings } from './json-fields.ts';

/** A record the writer gave up on, as it lands on the dead-letter topic and table. */
export interface DeadLetter {
  failed_at: string;
  org_id: string;
  topic: string;
  source_partition: number;
  source_offset: string;
  record_key: string;
  reason: string;
  payload: string;
}

/** Payloads past this are cut: a dead letter must never be too big to write itself. */
const MAX_PAYLOAD = 64 * 1024;

export function deadLetter(record: ConsumedRecord, reason: string, now: Date): DeadLetter {
  const value = record.value as { org_id?: unknown } | null;
  const json = record.undecodable ?? record.json ?? JSON.stringify(record.value) ?? 'null';
  return {
    failed_at: now.toISOString(),
    org_id: value && typeof value === 'object' && typeof value.org_id === 'string' ? value.org_id : '',
    topic: record.topic,
    source_partition: record.partition,
    source_offset: record.offset,
    record_key: record.key,
    reason: reason.slice(0, 2_000),
    payload: json.length > MAX_PAYLOAD ? json.slice(0, MAX_PAYLOAD) : json,
  };
}

export const DEAD_LETTER_TOPIC = TOPICS.deadLetters;

/**
 * ClickHouse error types that say this data is malformed, so retrying can never help; any other
 * failure (unreachable, unknown table, memory, timeouts) is retried until ClickHouse is back.
 */
const DATA_ERROR =
  /^(CANNOT_PARSE_\w+|CANNOT_READ_ALL_DATA|INCORRECT_DATA|TYPE_MISMATCH|CANNOT_CONVERT_TYPE|VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE|TOO_LARGE_STRING_SIZE|ATTEMPT_TO_READ_AFTER_EOF|ARGUMENT_OUT_OF_BOUND|CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN|INCORRECT_NUMBER_OF_COLUMNS)$/;

export const isDataError = (type: string | undefined): boolean => type !== undefined && DATA_ERROR.test(type);

/** The fields every table is keyed on. */
const ROW_IDS = ['org_id', 'event_id', 'occurred_at'];

/**
 * The minimum a row needs before it is worth sending to ClickHouse: an object with the ids every
 * table is keyed on. The rest of the shape is ClickHouse's to judge (its parse errors are data
 * errors too).
 */
export function shapeProblem(record: ConsumedRecord): string | undefined {
  if (record.undecodable !== undefined) return 'the record is not JSON';
  const isLetter = record.topic === DEAD_LETTER_TOPIC;
  const ids = rowIds(record, isLetter ? [] : ROW_IDS);
  if (ids === null) return 'the record is not a JSON object';
  if (isLetter) return undefined;
  if (!ids.get('org_id')) return 'org_id is missing';
  if (!ids.has('event_id')) return 'event_id is missing';
  if (!ids.has('occurred_at')) return 'occurred_at is missing';
  return undefined;
}

/** The fields `names` of the row that hold strings; null when it is not an object. */
function rowIds(record: ConsumedRecord, names: readonly string[]): Map<string, string> | null {
  // Read from the text the writer will insert, if it inserts text: so the value is never parsed.
  const line = jsonLine(record);
  const fromText = line === undefined ? undefined : topLevelStrings(line, names);
  if (fromText !== undefined) return fromText;
  const v = record.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const row = v as Record<string, unknown>;
  const ids = new Map<string, string>();
  for (const name of names) {
    const field = row[name];
    if (typeof field === 'string') ids.set(name, field);
  }
  return ids;
}
