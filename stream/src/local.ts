/**
 * The in-process record stream for the embedded one-process shape, and ingest's local buffer in
 * front of Kafka. It mimics what the Kafka implementation guarantees so code tested against one
 * behaves the same on the other: per topic an append-only log with offsets (one partition, so every
 * key keeps its order), per consumer group a committed offset, new groups start at the earliest
 * record, batches are delivered asynchronously and never concurrently for one group and topic, a
 * rejected batch is redelivered after a back-off, and values cross the bus as JSON so publishers
 * and consumers never share objects. The log lives in a LogStore: in memory, or on disk so that
 * what publish() acknowledged survives a crash and is delivered after the restart.
 */
import { DEFAULT_BACKOFF, backoffDelay } from './backoff.ts';
import { createSignal, waitFor, yieldToEventLoop } from './signal.ts';
import type { Signal } from './signal.ts';
import { openDiskLogStore, type StreamAck } from './disk-log-store.ts';
import { createMemoryLogStore, type LogEntry, type LogStore } from './log-store.ts';
import type {
  BatchHandler,
  ConsumedRecord,
  SubscribeOptions,
  RecordStream,
  RetryBackoff,
  StreamLogger,
  StreamRecord,
  Subscription,
} from './types.ts';

export interface LocalStreamOptions {
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
  /**
   * How long a batch smaller than maxBatchSize waits for more records before it is delivered.
   * 0 (default) delivers at once; the platform's disk streams wait a little to batch better.
   */
  lingerMs?: number;
  logger?: StreamLogger;
}

export type MemoryStreamOptions = LocalStreamOptions;

/** Per-topic and per-group backlog, for health and metrics. */
export interface LocalStreamStats {
  /** Serialised size of the records kept (undelivered to some group, or retained history). */
  bytes: number;
  topics: Record<string, { end: number; groups: Record<string, { pending: number }> }>;
}

export interface LocalStream extends RecordStream {
  stats(): LocalStreamStats;
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
  /** Started at the newest record; its position is never stored (SubscribeOptions.live). */
  live: boolean;
}

const PARTITION = 0;

/** JSON.stringify(undefined) is undefined; Kafka would carry it as null. */
export const stringify = (value: unknown): string => JSON.stringify(value) ?? 'null';

/**
 * A stored entry as a consumer sees it. The value is parsed on first use: a consumer that only
 * moves records on (the forwarder into Kafka) reads `json` and never pays for the parse.
 */
function consumedRecord(topic: string, offset: number, entry: LogEntry): ConsumedRecord {
  let value: unknown;
  let parsed = false;
  return {
    topic,
    partition: PARTITION,
    offset: String(offset),
    key: entry.key,
    json: entry.json,
    get value(): unknown {
      if (!parsed) {
        value = JSON.parse(entry.json);
        parsed = true;
      }
      return value;
    },
  };
}

/** The stream with its log in memory: lost with the process. */
export function createMemoryStream(options: LocalStreamOptions = {}): LocalStream {
  return createLocalStream(createMemoryLogStore(), 'memory', options);
}

/**
 * The stream with its log on disk under `dir`: what publish() acknowledged is delivered even
 * after a crash. Consumed records are deleted as soon as every known group has committed them.
 */
export function createDiskStream(
  opts: LocalStreamOptions & { dir: string; maxBytes?: number; ack?: StreamAck },
): LocalStream {
  const { dir, maxBytes, ack, ...options } = opts;
  const store = openDiskLogStore({
    dir,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(ack === undefined ? {} : { ack }),
  });
  return createLocalStream(store, 'disk', { retainRecords: 0, ...options });
}

export function createLocalStream(
  store: LogStore,
  kind: RecordStream['kind'],
  options: LocalStreamOptions = {},
): LocalStream {
  const maxBatchSize = options.maxBatchSize ?? 500;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const closeTimeoutMs = options.closeTimeoutMs ?? 15_000;
  const retainRecords = options.retainRecords ?? 100_000;
  const lingerMs = options.lingerMs ?? 0;
  const logger = options.logger;

  /** Every cursor per topic, including groups known from the store that have not subscribed. */
  const topicCursors = new Map<string, Set<Cursor>>();
  const cursors = new Map<string, Cursor>(); // by `${groupId}\u0000${topic}`
  const subscriptions = new Set<Subscription>();
  /** Notified after every handler attempt, so close() can watch the drain. */
  const progress = createSignal();
  let state: 'open' | 'closing' | 'closed' = 'open';
  let closing: Promise<void> | undefined;

  function cursorsOf(topic: string): Set<Cursor> {
    let set = topicCursors.get(topic);
    if (!set) {
      set = new Set();
      topicCursors.set(topic, set);
    }
    return set;
  }

  const end = (topic: string): number => store.bounds(topic).end;

  function cursorFor(groupId: string, topic: string, committed?: number, live = false): Cursor {
    const id = `${groupId}\u0000${topic}`;
    let cursor = cursors.get(id);
    if (!cursor) {
      const { base } = store.bounds(topic);
      cursor = {
        groupId,
        topic,
        // A new group consumes from the earliest record still kept; a known one resumes.
        committed: Math.max(base, committed ?? base),
        members: [],
        wake: createSignal(),
        running: false,
        inFlight: undefined,
        failures: 0,
        retryAt: 0,
        live,
      };
      cursors.set(id, cursor);
      cursorsOf(topic).add(cursor);
    }
    return cursor;
  }
  // Groups that committed before a restart hold on to their records until they come back.
  for (const c of store.commits()) cursorFor(c.groupId, c.topic, c.offset);

  /** Drops records every group has committed, beyond the retained tail; in chunks to amortise. */
  function trim(topic: string): void {
    const { base, end: last } = store.bounds(topic);
    if (last - base < retainRecords + Math.max(1, retainRecords / 10)) return;
    const all = [...cursorsOf(topic)];
    // Live cursors never decide alone: until a durable group (the writer) has taken the records,
    // a group that has not subscribed yet may still need them.
    if (!all.some((c) => !c.live)) return;
    let keepFrom = last - retainRecords;
    for (const cursor of all) keepFrom = Math.min(keepFrom, cursor.committed);
    if (keepFrom > base) store.trim(topic, keepFrom);
  }

  function startLoop(cursor: Cursor): void {
    if (cursor.running) return;
    cursor.running = true;
    void consume(cursor);
  }

  /** The only place a cursor's handler is called: one loop per cursor keeps delivery serial. */
  async function consume(cursor: Cursor): Promise<void> {
    for (;;) {
      // Deliver on a later turn of the event loop: never inside publish() or subscribe(), and a
      // long backlog cannot starve I/O.
      await yieldToEventLoop();
      const member = cursor.members[0];
      if (!member) {
        cursor.running = false; // synchronously with the check, so subscribe() restarts us
        return;
      }
      if (cursor.committed >= end(cursor.topic)) {
        await cursor.wake.wait();
        continue;
      }
      const wait = cursor.retryAt - Date.now();
      if (wait > 0) {
        await waitFor(cursor.wake, wait);
        continue;
      }
      // A short batch waits up to lingerMs for more (not while closing): consumers such as the
      // ClickHouse writer and the Kafka forwarder cost per batch, not per record.
      if (lingerMs > 0 && state === 'open' && end(cursor.topic) - cursor.committed < maxBatchSize) {
        const until = Date.now() + lingerMs;
        while (state === 'open' && end(cursor.topic) - cursor.committed < maxBatchSize && Date.now() < until)
          await waitFor(cursor.wake, until - Date.now());
      }
      await deliver(cursor, member);
    }
  }

  async function deliver(cursor: Cursor, member: Member): Promise<void> {
    const from = cursor.committed;
    const entries = store.read(cursor.topic, from, maxBatchSize);
    const batch = entries.map((entry, i) => consumedRecord(cursor.topic, from + i, entry));
    // Wrapped so a handler that throws synchronously counts as a rejection.
    const attempt = Promise.resolve().then(() => member.handler(batch));
    cursor.inFlight = attempt.catch(() => {});
    try {
      await attempt;
      cursor.committed = from + entries.length;
      cursor.failures = 0;
      cursor.retryAt = 0;
      // Persisted before the records can be trimmed; lost in a crash, it only means redelivery.
      if (!cursor.live) await store.commit(cursor.groupId, cursor.topic, cursor.committed);
      trim(cursor.topic);
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
      if (cursor.members.length > 0 && cursor.committed < end(cursor.topic)) return false;
    }
    return true;
  }

  async function drain(): Promise<void> {
    const deadline = Date.now() + closeTimeoutMs;
    while (!drained() && Date.now() < deadline) await waitFor(progress, deadline - Date.now());
    if (!drained()) {
      const behind = [...cursors.values()]
        .filter((c) => c.members.length > 0 && c.committed < end(c.topic))
        .map((c) => ({ groupId: c.groupId, topic: c.topic, pending: end(c.topic) - c.committed }));
      logger?.error('stream closed with undelivered records', { behind });
    }
  }

  return {
    kind,

    async publish(topic: string, records: StreamRecord[]): Promise<void> {
      // Allowed while closing: a consumer may still publish (the writer's dead letters), and the
      // drain delivers that too.
      if (state === 'closed') throw new Error(`record stream is closed; cannot publish to ${topic}`);
      if (records.length === 0) return;
      const entries = records.map((r) => ({ key: r.key, json: 'json' in r ? r.json : stringify(r.value) }));
      // Resolves once the store has them (on disk, durably); consumers see them only then.
      await store.append(topic, entries);
      for (const cursor of cursorsOf(topic)) cursor.wake.notify();
    },

    stats(): LocalStreamStats {
      const topics: LocalStreamStats['topics'] = {};
      for (const topic of new Set([...store.topics(), ...topicCursors.keys()])) {
        const last = end(topic);
        const groups: Record<string, { pending: number }> = {};
        for (const c of cursorsOf(topic)) groups[c.groupId] = { pending: last - c.committed };
        topics[topic] = { end: last, groups };
      }
      return { bytes: store.bytes(), topics };
    },

    async subscribe(opts: SubscribeOptions): Promise<Subscription> {
      if (state !== 'open') throw new Error(`record stream is ${state}; cannot subscribe ${opts.groupId}`);
      const member: Member = { handler: opts.handler };
      const live = opts.live === true;
      const mine = [...new Set(opts.topics)].map((topic) =>
        cursorFor(opts.groupId, topic, live ? end(topic) : undefined, live),
      );
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
            // A live cursor is forgotten, so it no longer holds records back from trimming.
            for (const cursor of mine.filter((c) => c.live && c.members.length === 0)) {
              cursors.delete(`${cursor.groupId}\u0000${cursor.topic}`);
              cursorsOf(cursor.topic).delete(cursor);
            }
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
        await store.close();
        state = 'closed';
      })();
      return closing;
    },
  };
}
