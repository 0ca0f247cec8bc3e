import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskStream } from './local.ts';
import { StreamFullError } from './log-store.ts';
import type { ConsumedRecord, RecordStream, StreamLogger } from './types.ts';

const quiet: StreamLogger = { warn: () => {}, error: () => {} };
const dirs: string[] = [];
const streams: RecordStream[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kairro-disk-stream-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string, extra: { maxBytes?: number } = {}) {
  const s = createDiskStream({ dir, logger: quiet, backoff: { initialMs: 5, maxMs: 20 }, ...extra });
  streams.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until(predicate: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function collect(stream: RecordStream, groupId: string, stopAfter = Infinity) {
  const seen: ConsumedRecord[] = [];
  const sub = stream.subscribe({
    groupId,
    topics: ['t'],
    handler: async (records) => {
      if (seen.length >= stopAfter) throw new Error('not now');
      seen.push(...records);
    },
  });
  return { seen, sub };
}

describe('disk stream', () => {
  it('delivers what was published before a restart, in order, to a group that subscribes after it', async () => {
    const dir = tempDir();
    const first = open(dir);
    for (let i = 0; i < 50; i++) await first.publish('t', [{ key: 'k', value: { n: i } }]);
    await first.close();

    const second = open(dir);
    const { seen } = collect(second, 'g');
    await until(() => seen.length === 50);
    expect(seen.map((r) => (r.value as { n: number }).n)).toEqual([...Array(50).keys()]);
    expect(seen.map((r) => r.offset)).toEqual([...Array(50).keys()].map(String));
  });

  it('resumes a group after its last commit and never hands out trimmed records again', async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.publish(
      't',
      Array.from({ length: 10 }, (_, n) => ({ key: 'k', value: { n } })),
    );
    const { seen, sub } = collect(first, 'g');
    await until(() => seen.length === 10);
    await (await sub).stop();
    await first.publish(
      't',
      Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: { n: 10 + i } })),
    );
    await first.close();

    const second = open(dir);
    expect(second.stats().topics['t']).toEqual({ end: 15, groups: { g: { pending: 5 } } });
    const again = collect(second, 'g');
    await until(() => again.seen.length === 5);
    expect(again.seen.map((r) => (r.value as { n: number }).n)).toEqual([10, 11, 12, 13, 14]);
    expect(again.seen[0]!.offset).toBe('10');
  });

  it('keeps records for a known group that has not subscribed yet after a restart', async () => {
    const dir = tempDir();
    const first = open(dir);
    const fast = collect(first, 'fast');
    const slow = collect(first, 'slow', 0); // rejects everything: commits nothing
    await first.publish('t', [{ key: 'k', value: 1 }]);
    await until(() => fast.seen.length === 1);
    await Promise.all([(await fast.sub).stop(), (await slow.sub).stop()]);
    await first.close();

    const second = open(dir);
    const late = collect(second, 'slow');
    await until(() => late.seen.length === 1);
  });

  it('starts a live subscription at the newest record and forgets it when it stops', async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.publish('t', [{ key: 'k', value: 'old' }]);
    const seen: unknown[] = [];
    const live = await first.subscribe({
      groupId: 'live-1',
      topics: ['t'],
      live: true,
      handler: async (records) => void seen.push(...records.map((r) => r.value)),
    });
    await first.publish('t', [{ key: 'k', value: 'new' }]);
    await until(() => seen.length === 1);
    expect(seen).toEqual(['new']);
    await live.stop();
    expect(Object.keys(first.stats().topics['t']!.groups)).toEqual([]);
    await first.close();
    // Nothing of it outlives the process, and it consumed nothing on anyone's behalf: a durable
    // group that comes later still gets every record.
    const second = open(dir);
    expect(second.stats().topics['t']!.groups).toEqual({});
    const { seen: durable } = collect(second, 'writer');
    await until(() => durable.length === 2);
    expect(durable.map((r) => r.value)).toEqual(['old', 'new']);
  });

  it('lingers briefly so records published one by one arrive as one batch', async () => {
    const s = createDiskStream({ dir: tempDir(), logger: quiet, lingerMs: 200, maxBatchSize: 3 });
    streams.push(s);
    const batches: number[] = [];
    await s.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (records) => void batches.push(records.length),
    });
    for (let i = 0; i < 5; i++) {
      await s.publish('t', [{ key: 'k', value: i }]);
      await new Promise((r) => setTimeout(r, 10));
    }
    await until(() => batches.reduce((a, b) => a + b, 0) === 5);
    // A full batch goes at once; the rest waits for more, then goes after the linger.
    expect(batches).toEqual([3, 2]);
  });

  it('refuses records beyond its size bound with a clear error and accepts again once drained', async () => {
    const dir = tempDir();
    const s = open(dir, { maxBytes: 2_000 });
    const big = { key: 'k', value: 'x'.repeat(600) };
    await s.publish('t', [big, big, big]);
    await expect(s.publish('t', [big])).rejects.toThrow(StreamFullError);
    expect(s.stats().topics['t']!.end).toBe(3);
    const { seen } = collect(s, 'g');
    await until(() => seen.length === 3 && s.stats().bytes === 0);
    await s.publish('t', [big]);
    await until(() => seen.length === 4);
  });

  it('has every acknowledged record after the publisher is killed with SIGKILL', async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./testing/publish-until-killed.ts', import.meta.url).pathname, dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acked = 0;
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) acked = Math.max(acked, Number(line));
    });
    await until(() => acked >= 2_000, 30_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const s = open(dir);
    const end = s.stats().topics['t']!.end;
    expect(end).toBeGreaterThanOrEqual(acked);
    const { seen } = collect(s, 'g');
    await until(() => seen.length === end, 20_000);
    // Every record, once, in order: no gap and no duplicate up to what was acknowledged and beyond.
    expect(seen.map((r) => (r.value as { n: number }).n)).toEqual([...Array(end).keys()]);
  });
});
