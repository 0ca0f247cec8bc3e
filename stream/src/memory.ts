/**
 * The in-process record stream for the embedded one-process shape. It mimics what the Kafka
 * implementation guarantees so code tested against one behaves the same on the other: per topic an
 * append-only log with offsets (one partition, so every key keeps its order), per consumer group a
 * committed offset, new groups start at the earliest record, batches are delivered asynchronously
 * and never concurrently for one group and topic, a rejected batch is redelivered after a back-off,
 * and values cross the bus as JSON so publishers and consumers never share objects.
 */
import { DEFAULT_BACKOFF, backoffDelay } from './backoff.ts';
import { createSignal, waitFor, yieldToEventLoop } from './signal.ts';
import type { Signal } from './signal.ts';
import type {
  BatchHandler,
  ConsumedRecord,
  RecordStream,
  RetryBackoff,
  StreamLogger,
  StreamRecord,
  Subscription,
} from './types.ts';

export interface MemoryStreamOptions {
  /** Most records handed to one handler call. */
  maxBatchSize?: number;
  backoff?: RetryBackoff;
  /** How long close() keeps draining; a handler that keeps failing would otherwise block it forever. */
  closeTimeoutMs?: number;
  /**
   * Records kept per topic even when every group has consumed them, so a group that subscribes
   * later still sees recent history. Older records are dropped only once every group has them.
   */
  retainRecords?: number;
  logger?: StreamLogger;
}

interface TopicLog {
  /** Offset of entries[0]; grows when consumed records are trimmed. */
  base: number;
  /** Values are stored as JSON text: the copy that decouples publisher and consumers. */
  entries: Array<{ key: string; json: string }>;
  cursors: Set<Cursor>;
}

interface Member {
  handler: BatchHandler;
}

/** One consumer group's position in one topic. */
interface Cursor {
  groupId: string;
  topic: string;
  /** Next offset to deliver: everything before it is committed. */
  committed: number;
  /** Like a single Kafka partition, only the first member receives; the others stand by. */
  members: Member[];
  wake: Signal;
  running: boolean;
  inFlight: Promise<void> | undefined;
  failures: number;
  retryAt: number;
}

const PARTITION = 0;

export function createMemoryStream(options: MemoryStreamOptions = {}): RecordStream {
  const maxBatchSize = options.maxBatchSize ?? 500;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const closeTimeoutMs = options.closeTimeoutMs ?? 15_000;
  const retainRecords = options.retainRecords ?? 100_000;
  const logger = options.logger;

  const topics = new Map<string, TopicLog>();
  const cursors = new Map<string, Cursor>(); // by `${groupId}\u0000${topic}`
  const subscriptions = new Set<Subscription>();
  /** Notified after every handler attempt, so close() can watch the drain. */
  const progress = createSignal();
  let state: 'open' | 'closing' | 'closed' = 'open';
  let closing: Promise<void> | undefined;

  function topicLog(topic: string): TopicLog {
    let log = topics.get(topic);
    if (!log) {
      log = { base: 0, entries: [], cursors: new Set() };
      topics.set(topic, log);
    }
    return log;
  }

  function end(log: TopicLog): number {
    return log.base + log.entries.length;
  }

  function cursorFor(groupId: string, topic: string): Cursor {
    const id = `${groupId}\u0000${topic}`;
    let cursor = cursors.get(id);
    if (!cursor) {
      const log = topicLog(topic);
      cursor = {
        groupId,
        topic,
        committed: log.base, // a new group consumes from the earliest record still kept
        members: [],
        wake: createSignal(),
        running: false,
        inFlight: undefined,
        failures: 0,
        retryAt: 0,
      };
      cursors.set(id, cursor);
      log.cursors.add(cursor);
    }
    return cursor;
  }

  /** Drops records every group has committed, beyond the retained tail; in chunks to amortise. */
  function trim(log: TopicLog): void {
    if (log.entries.length < retainRecords + Math.max(1, retainRecords / 10)) return;
    let keepFrom = end(log) - retainRecords;
    for (const cursor of log.cursors) keepFrom = Math.min(keepFrom, cursor.committed);
    if (keepFrom <= log.base) return;
    log.entries.splice(0, keepFrom - log.base);
    log.base = keepFrom;
  }

  function startLoop(cursor: Cursor): void {
    if (cursor.running) return;
    cursor.running = true;
    void consume(cursor);
  }

  /** The only place a cursor's handler is called: one loop per cursor keeps delivery serial. */
  async function consume(cursor: Cursor): Promise<void> {
    const log = topicLog(cursor.topic);
    for (;;) {
      // Deliver on a later turn of the event loop: never inside publish() or subscribe(), and a
      // long backlog cannot starve I/O.
      await yieldToEventLoop();
      const member = cursor.members[0];
      if (!member) {
        cursor.running = false; // synchronously with the check, so subscribe() restarts us
        return;
      }
      if (cursor.committed >= end(log)) {
        await cursor.wake.wait();
        continue;
      }
      const wait = cursor.retryAt - Date.now();
      if (wait > 0) {
        await waitFor(cursor.wake, wait);
        continue;
      }
      await deliver(cursor, log, member);
    }
  }

  async function deliver(cursor: Cursor, log: TopicLog, member: Member): Promise<void> {
    const from = cursor.committed;
    const entries = log.entries.slice(from - log.base, from - log.base + maxBatchSize);
    const batch: ConsumedRecord[] = entries.map((entry, i) => ({
      topic: cursor.topic,
      partition: PARTITION,
      offset: String(from + i),
      key: entry.key,
      value: JSON.parse(entry.json) as unknown,
    }));
    // Wrapped so a handler that throws synchronously counts as a rejection.
    const attempt = Promise.resolve().then(() => member.handler(batch));
    cursor.inFlight = attempt.catch(() => {});
    try {
      await attempt;
      cursor.committed = from + entries.length;
      cursor.failures = 0;
      cursor.retryAt = 0;
      trim(log);
    } catch (error) {
      cursor.failures += 1;
      const delay = backoffDelay(cursor.failures, backoff);
      cursor.retryAt = Date.now() + delay;
      logger?.warn('stream handler failed; batch will be redelivered', {
        groupId: cursor.groupId,
        topic: cursor.topic,
        offset: from,
        records: entries.length,
        failures: cursor.failures,
        retryInMs: delay,
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      cursor.inFlight = undefined;
      progress.notify();
    }
  }

  function drained(): boolean {
    for (const cursor of cursors.values()) {
      if (cursor.members.length > 0 && cursor.committed < end(topicLog(cursor.topic))) return false;
    }
    return true;
  }

  async function drain(): Promise<void> {
    const deadline = Date.now() + closeTimeoutMs;
    while (!drained() && Date.now() < deadline) await waitFor(progress, deadline - Date.now());
    if (!drained()) {
      const behind = [...cursors.values()]
        .filter((c) => c.members.length > 0 && c.committed < end(topicLog(c.topic)))
        .map((c) => ({ groupId: c.groupId, topic: c.topic, pending: end(topicLog(c.topic)) - c.committed }));
      logger?.error('stream closed with undelivered records', { behind });
    }
  }

  return {
    kind: 'memory',

    async publish(topic: string, records: StreamRecord[]): Promise<void> {
      if (state !== 'open') throw new Error(`record stream is ${state}; cannot publish to ${topic}`);
      if (records.length === 0) return;
      const log = topicLog(topic);
      for (const record of records) {
        // JSON.stringify(undefined) is undefined; Kafka would carry it as null.
        log.entries.push({ key: record.key, json: JSON.stringify(record.value) ?? 'null' });
      }
      for (const cursor of log.cursors) cursor.wake.notify();
    },

    async subscribe(opts: {
      groupId: string;
      topics: string[];
      handler: BatchHandler;
    }): Promise<Subscription> {
      if (state !== 'open') throw new Error(`record stream is ${state}; cannot subscribe ${opts.groupId}`);
      const member: Member = { handler: opts.handler };
      const mine = [...new Set(opts.topics)].map((topic) => cursorFor(opts.groupId, topic));
      for (const cursor of mine) {
        cursor.members.push(member);
        startLoop(cursor);
      }
      let stopped: Promise<void> | undefined;
      const subscription: Subscription = {
        stop() {
          stopped ??= (async () => {
            for (const cursor of mine) {
              cursor.members = cursor.members.filter((m) => m !== member);
              cursor.wake.notify();
            }
            // A batch already handed to this member finishes and commits before stop resolves.
            await Promise.all(mine.map((cursor) => cursor.inFlight));
            subscriptions.delete(subscription);
          })();
          return stopped;
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },

    async ready(): Promise<boolean> {
      return state === 'open';
    },

    close(): Promise<void> {
      closing ??= (async () => {
        state = 'closing';
        await drain();
        await Promise.all([...subscriptions].map((s) => s.stop()));
        state = 'closed';
      })();
      return closing;
    },
  };
}
