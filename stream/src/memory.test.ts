import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStream } from './local.ts';
import type { MemoryStreamOptions } from './local.ts';
import type { ConsumedRecord, RecordStream, StreamLogger } from './types.ts';

const quiet: StreamLogger = { warn: () => {}, error: () => {} };
const open: RecordStream[] = [];

function stream(options: MemoryStreamOptions = {}): RecordStream {
  const s = createMemoryStream({ logger: quiet, backoff: { initialMs: 5, maxMs: 20 }, ...options });
  open.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Resolves once `predicate` holds, polling; fails the test after `ms`. */
async function until(predicate: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function collector() {
  const records: ConsumedRecord[] = [];
  const batches: ConsumedRecord[][] = [];
  return {
    records,
    batches,
    handler: async (batch: ConsumedRecord[]) => {
      batches.push(batch);
      records.push(...batch);
    },
  };
}

describe('createMemoryStream', () => {
  it('takes JSON text as published and hands consumers the text beside the value', async () => {
    const s = stream();
    const got = collector();
    await s.subscribe({ groupId: 'g', topics: ['t'], handler: got.handler });
    await s.publish('t', [
      { key: 'a', json: '{"n":1, "kept":"as sent"}' },
      { key: 'b', value: { n: 2 } },
      { key: 'c', value: undefined },
    ]);
    await until(() => got.records.length === 3);
    expect(got.records.map((r) => r.json)).toEqual(['{"n":1, "kept":"as sent"}', '{"n":2}', 'null']);
    expect(got.records.map((r) => r.value)).toEqual([{ n: 1, kept: 'as sent' }, { n: 2 }, null]);
  });

  it('keeps the order of records per key with increasing offsets', async () => {
    const s = stream();
    const got = collector();
    await s.subscribe({ groupId: 'g', topics: ['t'], handler: got.handler });
    for (let i = 0; i < 50; i++) {
      await s.publish('t', [
        { key: 'a', value: { n: i } },
        { key: 'b', value: { n: i } },
      ]);
    }
    await until(() => got.records.length === 100);
    for (const key of ['a', 'b']) {
      const ns = got.records.filter((r) => r.key === key).map((r) => (r.value as { n: number }).n);
      expect(ns).toEqual([...Array(50).keys()]);
    }
    expect(got.records.map((r) => Number(r.offset))).toEqual([...Array(100).keys()]);
    expect(got.records.every((r) => r.topic === 't' && r.partition === 0)).toBe(true);
  });

  it('delivers asynchronously, in batches of at most maxBatchSize, never concurrently', async () => {
    const s = stream({ maxBatchSize: 7 });
    let active = 0;
    let overlapped = false;
    const sizes: number[] = [];
    await s.publish(
      't',
      Array.from({ length: 30 }, (_, i) => ({ key: 'k', value: i })),
    );
    await s.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (batch) => {
        active += 1;
        if (active > 1) overlapped = true;
        sizes.push(batch.length);
        await new Promise((r) => setTimeout(r, 1));
        active -= 1;
      },
    });
    expect(sizes).toEqual([]); // not called inside subscribe()
    await s.publish('t', [{ key: 'k', value: 30 }]);
    await until(() => sizes.reduce((a, b) => a + b, 0) === 31);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    expect(overlapped).toBe(false);
  });

  it('gives every group its own offsets', async () => {
    const s = stream();
    const a = collector();
    const b = collector();
    await s.subscribe({ groupId: 'a', topics: ['t'], handler: a.handler });
    await s.publish('t', [{ key: 'k', value: 1 }]);
    await until(() => a.records.length === 1);
    await s.subscribe({ groupId: 'b', topics: ['t'], handler: b.handler });
    await s.publish('t', [{ key: 'k', value: 2 }]);
    await until(() => a.records.length === 2 && b.records.length === 2);
    expect(a.records.map((r) => r.value)).toEqual([1, 2]);
    expect(b.records.map((r) => r.value)).toEqual([1, 2]);
  });

  it('delivers records published before the subscription (earliest)', async () => {
    const s = stream();
    await s.publish('t', [
      { key: 'k', value: 'early-1' },
      { key: 'k', value: 'early-2' },
    ]);
    const got = collector();
    await s.subscribe({ groupId: 'late', topics: ['t', 'other'], handler: got.handler });
    await until(() => got.records.length === 2);
    expect(got.records.map((r) => r.value)).toEqual(['early-1', 'early-2']);
  });

  it('redelivers the same batch after a rejection, then moves on', async () => {
    const s = stream();
    const seen: string[][] = [];
    let failures = 0;
    await s.publish('t', [
      { key: 'k', value: 1 },
      { key: 'k', value: 2 },
    ]);
    await s.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (batch) => {
        seen.push(batch.map((r) => r.offset));
        if (failures < 2) {
          failures += 1;
          throw new Error('sink down');
        }
      },
    });
    await until(() => seen.length === 3);
    expect(seen).toEqual([
      ['0', '1'],
      ['0', '1'],
      ['0', '1'],
    ]);
    await s.publish('t', [{ key: 'k', value: 3 }]);
    await until(() => seen.length === 4);
    expect(seen[3]).toEqual(['2']); // committed after the successful retry: not delivered again
  });

  it('backs off between redeliveries', async () => {
    const s = stream({ backoff: { initialMs: 40, maxMs: 40 } });
    const at: number[] = [];
    await s.publish('t', [{ key: 'k', value: 1 }]);
    await s.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async () => {
        at.push(Date.now());
        if (at.length < 3) throw new Error('no');
      },
    });
    await until(() => at.length === 3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(35);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(35);
  });

  it('copies values: publishers and consumers never share objects', async () => {
    const s = stream();
    const value = { nested: { n: 1 } };
    const a = collector();
    const b = collector();
    await s.subscribe({ groupId: 'a', topics: ['t'], handler: a.handler });
    await s.subscribe({ groupId: 'b', topics: ['t'], handler: b.handler });
    await s.publish('t', [{ key: 'k', value }]);
    value.nested.n = 2;
    await until(() => a.records.length === 1 && b.records.length === 1);
    expect(a.records[0]!.value).toEqual({ nested: { n: 1 } });
    expect(a.records[0]!.value).not.toBe(b.records[0]!.value);
  });

  it('close() waits until every subscribed group has consumed what was published', async () => {
    const s = stream();
    const slow: ConsumedRecord[] = [];
    let flaky = 0;
    await s.subscribe({
      groupId: 'slow',
      topics: ['t'],
      handler: async (batch) => {
        await new Promise((r) => setTimeout(r, 20));
        slow.push(...batch);
      },
    });
    const flakyGot = collector();
    await s.subscribe({
      groupId: 'flaky',
      topics: ['t'],
      handler: async (batch) => {
        if (flaky++ === 0) throw new Error('once');
        await flakyGot.handler(batch);
      },
    });
    await s.publish(
      't',
      Array.from({ length: 1_200 }, (_, i) => ({ key: String(i % 3), value: i })),
    );
    await s.close();
    expect(slow).toHaveLength(1_200);
    expect(flakyGot.records).toHaveLength(1_200);
    await expect(s.publish('t', [{ key: 'k', value: 1 }])).rejects.toThrow(/closed/);
    expect(await s.ready()).toBe(false);
  });

  it('close() gives up after closeTimeoutMs when a handler keeps failing', async () => {
    const errors: string[] = [];
    const s = stream({ closeTimeoutMs: 100, logger: { warn: () => {}, error: (m) => errors.push(m) } });
    await s.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async () => {
        throw new Error('always');
      },
    });
    await s.publish('t', [{ key: 'k', value: 1 }]);
    await s.close();
    expect(errors).toEqual(['stream closed with undelivered records']);
  });

  it('a stopped subscription commits its in-flight batch; the group resumes after it', async () => {
    const s = stream();
    let release: () => void = () => {};
    const first: ConsumedRecord[] = [];
    await s.publish('t', [{ key: 'k', value: 1 }]);
    const sub = await s.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (batch) => {
        first.push(...batch);
        await new Promise<void>((r) => (release = r));
      },
    });
    await until(() => first.length === 1);
    const stopping = sub.stop();
    release();
    await stopping;
    await s.publish('t', [{ key: 'k', value: 2 }]);
    const second = collector();
    await s.subscribe({ groupId: 'g', topics: ['t'], handler: second.handler });
    await until(() => second.records.length === 1);
    expect(second.records.map((r) => r.value)).toEqual([2]);
  });

  it('hands a group partition to one member at a time, failing over on stop', async () => {
    const s = stream();
    const a = collector();
    const b = collector();
    const subA = await s.subscribe({ groupId: 'g', topics: ['t'], handler: a.handler });
    await s.subscribe({ groupId: 'g', topics: ['t'], handler: b.handler });
    await s.publish('t', [{ key: 'k', value: 1 }]);
    await until(() => a.records.length === 1);
    await subA.stop();
    await s.publish('t', [{ key: 'k', value: 2 }]);
    await until(() => b.records.length === 1);
    expect(a.records.map((r) => r.value)).toEqual([1]);
    expect(b.records.map((r) => r.value)).toEqual([2]);
  });

  it('trims records every group has consumed beyond the retained tail', async () => {
    const s = stream({ retainRecords: 10 });
    const got = collector();
    await s.subscribe({ groupId: 'g', topics: ['t'], handler: got.handler });
    await s.publish(
      't',
      Array.from({ length: 100 }, (_, i) => ({ key: 'k', value: i })),
    );
    await until(() => got.records.length === 100);
    const late = collector();
    await s.subscribe({ groupId: 'late', topics: ['t'], handler: late.handler });
    await until(() => late.records.length > 0);
    await new Promise((r) => setTimeout(r, 20));
    expect(late.records.length).toBeGreaterThanOrEqual(10);
    expect(late.records.length).toBeLessThan(100);
    expect(late.records.at(-1)!.offset).toBe('99');
  });
});
