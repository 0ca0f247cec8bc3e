/**
 * The record stream. Ingest publishes, pipelines (and later the api's live feed) consume.
 * Two implementations share this interface: an in-process bus (embedded shape) and Kafka.
 */

/**
 * A record to publish: a JSON-serialisable value, or its JSON text when the publisher already has
 * it (the forwarder hands consumed records on without parsing and serialising them again). The text
 * must be JSON, as a stream's own `ConsumedRecord.json` is: local streams do not check it.
 */
export type StreamRecord = (
  | {
      /** Partitioning key; records with the same key keep their order. */
      key: string;
      value: unknown;
    }
  | { key: string; json: string }
) & {
  /**
   * The publisher may have published this record before (it retries a publish that failed, or
   * resends what it had not yet seen acknowledged before a restart): consumers that count must check
   * it against what they already stored. Kafka carries it as a record header.
   */
  redelivered?: boolean;
};

export interface ConsumedRecord<T = unknown> {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: T;
  /**
   * The record's JSON text as the stream holds it, when it has it (local streams; Kafka for records
   * that are JSON). Where it is set, `value` is parsed from it on first read.
   */
  json?: string;
  /**
   * The raw text of a record whose value is not JSON (its `value` is then null). Handed to the
   * handler rather than skipped, so it can be dead-lettered with the reason.
   */
  undecodable?: string;
  /** Published with `StreamRecord.redelivered`: it may be a copy of a record at an earlier offset. */
  redelivered?: boolean;
}

/**
 * Called with a batch of records of one topic partition. Resolve to commit the batch; reject to have
 * it delivered again (the consumer retries with back-off). At-least-once: handlers must be idempotent.
 */
export type BatchHandler = (records: ConsumedRecord[]) => Promise<void>;

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  handler: BatchHandler;
  /**
   * A live subscription (the console's live feed) starts at the newest record instead of the
   * oldest, and leaves nothing behind when it stops: no committed position, no records held back.
   * Its group id must be unique to it.
   */
  live?: boolean;
}

export interface Subscription {
  /** Stops consuming after the batch in flight is handled and committed. */
  stop(): Promise<void>;
}

export interface RecordStream {
  readonly kind: 'memory' | 'disk' | 'kafka';
  /** Resolves once the records are accepted by the stream. */
  publish(topic: string, records: StreamRecord[]): Promise<void>;
  subscribe(opts: SubscribeOptions): Promise<Subscription>;
  /** True when the stream is reachable (for /readyz). */
  ready(): Promise<boolean>;
  /** Flushes anything buffered, stops subscriptions, disconnects. */
  close(): Promise<void>;
}

/**
 * Where a stream reports what it cannot throw to a caller: handler failures it will retry, client
 * errors while reconnecting. `console` satisfies it.
 */
export interface StreamLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** How long to wait before redelivering a batch whose handler rejected. */
export interface RetryBackoff {
  /** Delay after the first failure; doubles per consecutive failure. */
  initialMs: number;
  /** Upper bound of the delay. */
  maxMs: number;
}
