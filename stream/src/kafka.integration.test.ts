import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKafkaBroker, startMockCluster, TEST_CONSUMER_TIMINGS } from '../../test/helpers/kafka.ts';
import type { KafkaBroker } from '../../test/helpers/kafka.ts';
import { TOPICS } from '../../core/src/records/types.ts';
import { createKafkaStream } from './kafka.ts';
import type { KafkaStreamOptions } from './kafka.ts';
import type { ConsumedRecord, RecordStream, StreamLogger } from './types.ts';

// Fresh names per run so the suite can also point at a real cluster (KAFKA_BROKERS), and topics
// per test because every new group reads a topic from its beginning.
const run = randomUUID().slice(0, 8);
const topic = (test: string, name: string) => `${name}.${test}.${run}`;
const fanoutA = topic('fanout', TOPICS.events);
const fanoutB = topic('fanout', TOPICS.dlpMatches);
const retryTopic = topic('retry', TOPICS.events);
const resumeTopic = topic('resume', TOPICS.events);
const backlogTopic = topic('backlog', TOPICS.events);
const decodeTopic = topic('decode', TOPICS.events);

const warnings: string[] = [];
// DEBUG_STREAM=1 prints what the stream logs (handler failures, kafkajs errors) while debugging.
const logger: StreamLogger = {
  warn: (m, f) => {
    warnings.push(m);
    if (process.env.DEBUG_STREAM) console.warn(m, f);
  },
  error: (m, f) => {
    if (process.env.DEBUG_STREAM) console.error(m, f);
  },
};

let broker: KafkaBroker;
const streams: RecordStream[] = [];

beforeAll(async () => {
  broker = await startKafkaBroker([
    { name: fanoutA, partitions: 3 },
    { name: fanoutB, partitions: 1 },
    { name: retryTopic, partitions: 1 },
    { name: resumeTopic, partitions: 3 },
    { name: backlogTopic, partitions: 1 },
    { name: decodeTopic, partitions: 1 },
  ]);
});

afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await broker?.stop();
});

async function stream(extra: Partial<KafkaStreamOptions> = {}): Promise<RecordStream> {
  const s = await createKafkaStream({
    brokers: broker.brokers,
    clientId: 'kairro-test',
    topics: [fanoutA, fanoutB, retryTopic, resumeTopic, backlogTopic, decodeTopic],
    logger,
    backoff: { initialMs: 100, maxMs: 500 },
    consumer: TEST_CONSUMER_TIMINGS,
    ...extra,
  });
  streams.push(s);
  return s;
}

async function until(predicate: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const group = (name: string) => `${name}-${run}-${randomUUID().slice(0, 6)}`;
const values = (records: ConsumedRecord[]) => records.map((r) => r.value as { n: number; key: string });

describe('createKafkaStream', () => {
  it('publishes to every group, keeping the order per key', async () => {
    const s = await stream();
    expect(s.kind).toBe('kafka');
    expect(await s.ready()).toBe(true);
    const keys = ['org-1', 'org-2', 'org-3', 'org-4'];
    const records = Array.from({ length: 200 }, (_, n) => {
      const key = keys[n % keys.length]!;
      return { key, value: { n, key } };
    });
    await s.publish(fanoutA, records.slice(0, 100));
    await s.publish(fanoutB, [{ key: 'org-1', value: { n: -1, key: 'org-1' } }]);

    const a: ConsumedRecord[] = [];
    const b: ConsumedRecord[] = [];
    await s.subscribe({
      groupId: group('a'),
      topics: [fanoutA, fanoutB],
      handler: async (batch) => void a.push(...batch),
    });
    await s.subscribe({
      groupId: group('b'),
      topics: [fanoutA],
      handler: async (batch) => void b.push(...batch),
    });
    await s.publish(fanoutA, records.slice(100));
    await until(() => a.length === 201 && b.length === 200, 'both groups to consume everything');

    expect(a.filter((r) => r.topic === fanoutB).map((r) => r.value)).toEqual([{ n: -1, key: 'org-1' }]);
    for (const got of [a.filter((r) => r.topic === fanoutA), b]) {
      expect(new Set(got.map((r) => r.partition)).size).toBeGreaterThan(1); // spread over partitions
      for (const key of keys) {
        const ns = values(got.filter((r) => r.key === key)).map((v) => v.n);
        expect(ns).toEqual(records.filter((r) => r.key === key).map((r) => r.value.n));
      }
      for (const r of got) expect(r.key).toBe((r.value as { key: string }).key);
    }
  });

  it('redelivers a rejected batch and commits it once handled', async () => {
    const s = await stream();
    const groupId = group('retry');
    await s.publish(retryTopic, [
      { key: 'k', value: { n: 1, key: 'k' } },
      { key: 'k', value: { n: 2, key: 'k' } },
    ]);
    const deliveries: string[][] = [];
    const sub = await s.subscribe({
      groupId,
      topics: [retryTopic],
      handler: async (batch) => {
        deliveries.push(batch.map((r) => r.offset));
        if (process.env.DEBUG_STREAM)
          console.log(
            'delivery',
            Date.now(),
            batch.map((r) => r.offset),
          );
        if (deliveries.length === 1) throw new Error('sink down');
      },
    });
    await until(() => deliveries.length === 2, 'the redelivery');
    expect(deliveries[1]).toEqual(deliveries[0]);
    expect(warnings).toContain('stream handler failed; batch will be redelivered');
    await sub.stop();

    // Committed: the same group, restarted, sees only what came after.
    const after: ConsumedRecord[] = [];
    await s.publish(retryTopic, [{ key: 'k', value: { n: 3, key: 'k' } }]);
    await s.subscribe({ groupId, topics: [retryTopic], handler: async (batch) => void after.push(...batch) });
    await until(() => after.length >= 1, 'the record published after the commit');
    await new Promise((r) => setTimeout(r, 500)); // would-be redeliveries arrive in this window
    expect(values(after).map((v) => v.n)).toEqual([3]);
  });

  it('hands a backlog on in large batches, and redelivers one from its first record', async () => {
    const s = await stream({ maxBatchRecords: 50 });
    const groupId = group('backlog');
    // 40 sends of 5: the broker holds 40 small batches, which a fetch may return one at a time.
    for (let send = 0; send < 40; send++)
      await s.publish(
        backlogTopic,
        Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: { n: send * 5 + i, key: 'k' } })),
      );
    const deliveries: number[][] = [];
    const sub = await s.subscribe({
      groupId,
      topics: [backlogTopic],
      handler: async (batch) => {
        deliveries.push(values(batch).map((v) => v.n));
        if (deliveries.length === 1) throw new Error('sink down');
      },
    });
    const handled = () => deliveries.slice(1).flat();
    await until(() => handled().length >= 200, 'the backlog to be handled');
    await sub.stop();

    expect(deliveries[0]!.length).toBeGreaterThan(5); // several sends in one call
    for (const d of deliveries) expect(d.length).toBeLessThanOrEqual(50 + 5 - 1);
    expect(deliveries[1]![0]).toBe(deliveries[0]![0]); // the rejected batch again, from its start
    expect(handled()).toEqual(Array.from({ length: 200 }, (_, n) => n)); // in order, once each

    // All committed: the group, back, sees only what comes next.
    const after: ConsumedRecord[] = [];
    await s.publish(backlogTopic, [{ key: 'k', value: { n: 200, key: 'k' } }]);
    await s.subscribe({
      groupId,
      topics: [backlogTopic],
      handler: async (batch) => void after.push(...batch),
    });
    await until(() => after.length >= 1, 'the record published after the commits');
    await new Promise((r) => setTimeout(r, 500));
    expect(values(after).map((v) => v.n)).toEqual([200]);
  });

  it('hands on the JSON text as sent, parses the value when read, the rest as undecodable, and the redelivered mark', async () => {
    const s = await stream();
    const compact = JSON.stringify({ s: 'line one\nline two', u: 'é 组织 🙂 \u2028', n: 1.5 });
    const pretty = JSON.stringify({ a: [1, { b: null }] }, null, 2);
    await s.publish(decodeTopic, [
      { key: 'k', json: compact },
      { key: 'k', json: pretty, redelivered: true },
      { key: 'k', json: 'not json {' },
      { key: 'k', value: { n: 1 }, redelivered: true },
    ]);
    const got: ConsumedRecord[] = [];
    await s.subscribe({
      groupId: group('decode'),
      topics: [decodeTopic],
      handler: async (batch) => void got.push(...batch),
    });
    await until(() => got.length === 4, 'the four records');

    expect(got.map((r) => r.json)).toEqual([compact, pretty, undefined, '{"n":1}']);
    expect(got.map((r) => r.undecodable)).toEqual([undefined, undefined, 'not json {', undefined]);
    expect(got.map((r) => r.value)).toEqual([JSON.parse(compact), JSON.parse(pretty), null, { n: 1 }]);
    expect(got.map((r) => r.redelivered)).toEqual([undefined, true, undefined, true]);
    expect(got[0]!.value).toBe(got[0]!.value); // parsed once
    expect(warnings).toContain('stream record is not JSON');
  });

  it('a new consumer of the group resumes after the last committed offset', async () => {
    const groupId = group('resume');
    const first = await stream();
    const seen: ConsumedRecord[] = [];
    let release: () => void = () => {};
    const blocked = new Promise<void>((r) => (release = r));
    const batch = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        key: `k${(from + i) % 5}`,
        value: { n: from + i, key: 'x' },
      }));

    await first.publish(resumeTopic, batch(0, 30));
    const sub = await first.subscribe({
      groupId,
      topics: [resumeTopic],
      handler: async (records) => {
        seen.push(...records);
        // The last batch is still in flight when stop() is called: it must be committed anyway.
        if (seen.length === 30) await blocked;
      },
    });
    await until(() => seen.length === 30, 'the first consumer to get all 30');
    const stopping = sub.stop();
    setTimeout(release, 200);
    await stopping;
    await first.close();

    const second = await stream();
    await second.publish(resumeTopic, batch(30, 20));
    const resumed: ConsumedRecord[] = [];
    await second.subscribe({
      groupId,
      topics: [resumeTopic],
      handler: async (records) => void resumed.push(...records),
    });
    await until(() => resumed.length >= 20, 'the second consumer to get the new records');
    await new Promise((r) => setTimeout(r, 500));
    const ns = values(resumed)
      .map((v) => v.n)
      .sort((x, y) => x - y);
    expect(ns).toEqual(Array.from({ length: 20 }, (_, i) => 30 + i)); // nothing lost, nothing repeated
  });

  // On a broker of its own: a real cluster (KAFKA_BROKERS) may simply create the topic; the mock cannot.
  it('fails at boot naming the missing topics and how to create them', async () => {
    const own = await startMockCluster([{ name: retryTopic, partitions: 1 }]);
    try {
      const missing = `kairro.absent.${run}`;
      const boot = createKafkaStream({
        brokers: own.brokers,
        clientId: 'kairro-test',
        topics: [retryTopic, missing],
        logger,
      });
      await expect(boot).rejects.toThrow(
        new RegExp(`Kafka topics missing: ${missing.replaceAll('.', '\\.')}\\.`),
      );
      await expect(boot).rejects.toThrow(/kafka-topics\.sh .*--create --topic kairro\.absent/);
    } finally {
      await own.stop();
    }
  });

  // Needs a broker of its own to kill; a real cluster (KAFKA_BROKERS) is not ours to stop.
  it('is not ready when the brokers are gone', async () => {
    const own = await startMockCluster([{ name: retryTopic, partitions: 1 }]);
    try {
      const s = await stream({ brokers: own.brokers, topics: [retryTopic], readyTimeoutMs: 500 });
      expect(await s.ready()).toBe(true);
      await own.stop();
      expect(await s.ready()).toBe(false);
    } finally {
      await own.stop();
    }
  });

  it('is not ready once closed, and refuses to publish', async () => {
    const s = await stream();
    expect(await s.ready()).toBe(true);
    await s.close();
    expect(await s.ready()).toBe(false);
    await expect(s.publish(retryTopic, [{ key: 'k', value: 1 }])).rejects.toThrow(/closed/);
  });
});
