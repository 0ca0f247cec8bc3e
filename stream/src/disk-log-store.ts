import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'lmdb';
import { entrySize, StreamFullError, type LogEntry, type LogStore } from './log-store.ts';

/*
 * The log on disk, in LMDB (memory-mapped B-tree with crash-safe commits): records under
 * [topic, offset], committed offsets under [groupId, topic]. Writes issued in the same turn of the
 * event loop share one transaction and one flush, which is what keeps durable appends cheap under
 * load. LMDB syncs every commit to disk (overlapping the next transaction); `ack` says what
 * append() waits for: 'written' (default) the commit, which is in the operating system and so
 * survives kill -9 of any process, or 'synced' the fsync as well, which also survives power loss
 * but puts the disk's sync latency (p99 tens of ms on cloud volumes) into every decision.
 */

interface TopicState {
  base: number;
  end: number;
  /** Serialised sizes of the records from `base` on, for the size bound. */
  sizes: number[];
}

export interface DiskLogStoreOptions {
  /** Directory for the LMDB files; created when missing. */
  dir: string;
  /** Refuse appends beyond this many bytes of kept records (default 512 MB). */
  maxBytes?: number;
  /** What an append waits for: the commit ('written', default) or the fsync after it ('synced'). */
  ack?: StreamAck;
}

export type StreamAck = 'written' | 'synced';

export function openDiskLogStore(opts: DiskLogStoreOptions): LogStore {
  const maxBytes = opts.maxBytes ?? 512 * 1024 * 1024;
  const synced = opts.ack === 'synced';
  mkdirSync(opts.dir, { recursive: true });
  // separateFlushed: a write's promise resolves at its commit; `root.flushed` at the sync after it.
  const root = open({ path: join(opts.dir, 'stream.mdb'), compression: false, separateFlushed: true });
  const records = root.openDB<[string, string], [string, number]>({ name: 'records' });
  const offsets = root.openDB<number, [string, string]>({ name: 'offsets' });

  const topics = new Map<string, TopicState>();
  let total = 0;
  /** Set when a write failed: offsets were handed out for records that are not on disk. */
  let failure: Error | undefined;
  const state = (topic: string): TopicState => {
    let found = topics.get(topic);
    if (!found) {
      found = { base: 0, end: 0, sizes: [] };
      topics.set(topic, found);
    }
    return found;
  };

  // Rebuild bounds and sizes from what the last run left.
  for (const { key, value } of records.getRange()) {
    const [topic, offset] = key;
    const t = topics.get(topic) ?? { base: offset, end: offset, sizes: [] };
    topics.set(topic, t);
    const size = entrySize({ key: value[0], json: value[1] });
    t.sizes.push(size);
    t.end = offset + 1;
    total += size;
  }
  const commits: Array<{ groupId: string; topic: string; offset: number }> = [];
  for (const { key, value } of offsets.getRange()) {
    commits.push({ groupId: key[0], topic: key[1], offset: value });
    // A topic fully consumed and trimmed still continues its offsets after the commit.
    const t = state(key[1]);
    if (t.sizes.length === 0 && value > t.end) {
      t.base = value;
      t.end = value;
    }
  }

  return {
    topics: () => [...topics.keys()],
    bounds(topic) {
      const t = state(topic);
      return { base: t.base, end: t.end };
    },
    async append(topic, entries) {
      if (failure) throw failure;
      const sizes = entries.map(entrySize);
      const size = sizes.reduce((a, b) => a + b, 0);
      if (total + size > maxBytes) throw new StreamFullError(maxBytes);
      const t = state(topic);
      const first = t.end;
      t.end += entries.length;
      t.sizes.push(...sizes);
      total += size;
      let written: Promise<boolean> | undefined;
      entries.forEach((e, i) => (written = records.put([topic, first + i], [e.key, e.json])));
      try {
        await written;
        if (synced) await root.flushed;
      } catch (error) {
        // Later offsets would follow a hole: refuse everything until a restart rebuilds the state.
        failure = new Error(
          `the disk stream in ${opts.dir} could not write (${error instanceof Error ? error.message : String(error)}); ` +
            'free disk space or fix the directory, then restart',
          { cause: error },
        );
        throw failure;
      }
    },
    read(topic, from, max) {
      const out: LogEntry[] = [];
      for (const { value } of records.getRange({ start: [topic, from], end: [topic, from + max] }))
        out.push({ key: value[0], json: value[1] });
      return out;
    },
    commits: () => commits.slice(),
    async commit(groupId, topic, offset) {
      const known = commits.find((c) => c.groupId === groupId && c.topic === topic);
      if (known) known.offset = offset;
      else commits.push({ groupId, topic, offset });
      await offsets.put([groupId, topic], offset);
    },
    trim(topic, before) {
      const t = state(topic);
      const upTo = Math.min(before, t.end);
      if (upTo <= t.base) return;
      const dropped = t.sizes.splice(0, upTo - t.base);
      total -= dropped.reduce((a, b) => a + b, 0);
      for (let offset = t.base; offset < upTo; offset++) void records.remove([topic, offset]);
      t.base = upTo;
    },
    bytes: () => total,
    async close() {
      await root.close();
    },
  };
}
