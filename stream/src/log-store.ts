/**
 * Where a local stream keeps its topic logs and its consumer groups' committed offsets. In memory
 * for tests and throwaway runs; on disk (disk-log-store.ts) where an acknowledged record must
 * survive a crash.
 */

/** A record as the log keeps it: the value already serialised, so nobody shares objects. */
export interface LogEntry {
  key: string;
  json: string;
}

export interface LogStore {
  /** Topics with records or commits, as found when the store was opened or since. */
  topics(): string[];
  /** Offset of the first record still kept and the offset the next record gets. */
  bounds(topic: string): { base: number; end: number };
  /**
   * Assigns the next offsets synchronously (so concurrent appends keep their call order) and
   * resolves once the records are durable: only then may a publisher be told they are accepted.
   * Rejects with StreamFullError when they would take the store past its size bound.
   */
  append(topic: string, entries: readonly LogEntry[]): Promise<void>;
  /** Up to `max` entries from `from` (which must be within bounds). */
  read(topic: string, from: number, max: number): LogEntry[];
  /** Every group's committed offset per topic, as stored. */
  commits(): Array<{ groupId: string; topic: string; offset: number }>;
  commit(groupId: string, topic: string, offset: number): Promise<void>;
  /** Drops the records before `before` (every group has committed them). */
  trim(topic: string, before: number): void;
  /** Serialised size of the records kept, all topics. */
  bytes(): number;
  close(): Promise<void>;
}

/** The store is at its size bound: the records were not accepted, nothing else changed. */
export class StreamFullError extends Error {
  constructor(limitBytes: number) {
    super(
      `the local stream holds its limit of ${Math.round(limitBytes / 1e6)} MB of undelivered records; ` +
        'new records are refused until the consumers catch up (is the broker or ClickHouse reachable?)',
    );
    this.name = 'StreamFullError';
  }
}

interface MemoryTopic {
  base: number;
  entries: LogEntry[];
  bytes: number;
}

export function createMemoryLogStore(opts: { maxBytes?: number } = {}): LogStore {
  const maxBytes = opts.maxBytes ?? Infinity;
  const logs = new Map<string, MemoryTopic>();
  const offsets = new Map<string, { groupId: string; topic: string; offset: number }>();
  let total = 0;

  const log = (topic: string): MemoryTopic => {
    let found = logs.get(topic);
    if (!found) {
      found = { base: 0, entries: [], bytes: 0 };
      logs.set(topic, found);
    }
    return found;
  };

  return {
    topics: () => [...logs.keys()],
    bounds(topic) {
      const l = log(topic);
      return { base: l.base, end: l.base + l.entries.length };
    },
    async append(topic, entries) {
      const size = entries.reduce((n, e) => n + entrySize(e), 0);
      if (total + size > maxBytes) throw new StreamFullError(maxBytes);
      const l = log(topic);
      l.entries.push(...entries);
      l.bytes += size;
      total += size;
    },
    read(topic, from, max) {
      const l = log(topic);
      return l.entries.slice(from - l.base, from - l.base + max);
    },
    commits: () => [...offsets.values()],
    async commit(groupId, topic, offset) {
      offsets.set(`${groupId}\u0000${topic}`, { groupId, topic, offset });
    },
    trim(topic, before) {
      const l = log(topic);
      if (before <= l.base) return;
      const dropped = l.entries.splice(0, before - l.base);
      const size = dropped.reduce((n, e) => n + entrySize(e), 0);
      l.bytes -= size;
      total -= size;
      l.base = before;
    },
    bytes: () => total,
    async close() {},
  };
}

/** What a record costs in the size bound: its serialised key and value. */
export const entrySize = (e: LogEntry): number => e.key.length + e.json.length;
