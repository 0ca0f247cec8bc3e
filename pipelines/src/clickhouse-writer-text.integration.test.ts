/**
 * The writer inserts records' JSON text as it is (no parse, no re-serialisation), on local streams
 * and on Kafka; what cannot be inserted as text goes in from its value or to the dead letters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouse } from '@kairro/clickhouse';
import { TOPICS, type EventRecord } from '@kairro/core';
import {
  createKafkaStream,
  createMemoryStream,
  type BatchHandler,
  type ConsumedRecord,
  type RecordStream,
} from '@kairro/stream';
import { startMockCluster, TEST_CONSUMER_TIMINGS } from '../../test/helpers/kafka.ts';
import { startClickHouseWriter } from './clickhouse-writer.ts';
import { event, writerWorld } from './test-fixtures/writer.ts';

describe('ClickHouse writer, JSON text', () => {
  const world = writerWorld();
  const { errors, logger } = world;
  let ch: ClickHouse;
  beforeAll(() => {
    ch = world.ch;
  });

  /** The stored events of `org`, with the columns the text rows below vary. */
  const storedEvents = (org: string) =>
    ch.client
      .query({
        query: `SELECT toString(event_id) AS event_id, org_id, prompt_snippet, reasons, detectors, latency_ms
                FROM events FINAL WHERE org_id = {org:String} ORDER BY event_id`,
        query_params: { org },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<Pick<EventRecord, 'event_id' | 'org_id' | 'prompt_snippet' | 'reasons'>>());
  const eventCount = async (org: string) => {
    const [row] = await ch.client
      .query({
        query: 'SELECT sum(events) AS n FROM events_hourly WHERE org_id = {org:String}',
        query_params: { org },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ n: string }>());
    return Number(row!.n);
  };
  const columns = (e: EventRecord) => ({
    event_id: e.event_id,
    org_id: e.org_id,
    prompt_snippet: e.prompt_snippet,
    reasons: e.reasons,
    detectors: e.detectors,
    latency_ms: e.latency_ms,
  });

  it('inserts records that have JSON text as that text, exactly and once', async () => {
    const org = 'org-text';
    const ids = Array.from({ length: 5 }, (_, i) => `01938a3c-0000-7000-8000-0000000004${i}0`);
    const [plain, unicode, pretty, reordered, repeated] = ids.map((id) => event(id, org));
    unicode!.prompt_snippet = 'line one\nline two\r\n\t"quoted" \\ é 组织 🙂 \u2028 end';
    unicode!.reasons = ['a "reason"', 'ü\n'];
    pretty!.prompt_snippet = 'pretty-printed\nby another producer';
    const { event_id, ...rest } = reordered!;
    const texts = [
      JSON.stringify(plain),
      JSON.stringify(unicode),
      // Raw line breaks: not one JSONEachRow line, so serialised from its value.
      JSON.stringify(pretty, null, 2),
      JSON.stringify({ ...rest, event_id }),
      // A repeated key, which ClickHouse refuses: the value, as JSON.parse read it, would have
      // been stored under the last org id; dead-lettered, it shows the text itself was inserted.
      JSON.stringify(repeated).replace(/}$/, ',"org_id":"org-elsewhere"}'),
    ];
    // The second writer gets the whole batch again, as after a crash before the commit.
    for (let run = 0; run < 2; run++) {
      const stream = createMemoryStream();
      const writer = await startClickHouseWriter({ stream, clickhouse: ch.client, logger });
      await stream.publish(
        TOPICS.events,
        texts.map((json) => ({ key: org, json })),
      );
      await stream.close();
      await writer.stop();
    }

    expect(await storedEvents(org)).toEqual([plain, unicode, pretty, reordered].map((e) => columns(e!)));
    expect(await eventCount(org)).toBe(4);
    expect(await storedEvents('org-elsewhere')).toEqual([]);
    const letters = await ch.client
      .query({
        query: 'SELECT reason FROM dead_letters FINAL WHERE record_key = {org:String}',
        query_params: { org },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ reason: string }>());
    expect(letters).toHaveLength(1);
    expect(letters[0]!.reason).toMatch(/^ClickHouse refused the row: Duplicate field found .*: org_id/);
    expect(errors).toEqual([]);
  });

  it('does not parse the records of a steady stream', async () => {
    const org = 'org-steady';
    let reads = 0;
    const record = (offset: number): ConsumedRecord => {
      const json = JSON.stringify(event(`01938a3c-0000-7000-8000-0000000006${offset}0`, org));
      return {
        topic: TOPICS.events,
        partition: 0,
        offset: String(offset),
        key: org,
        json,
        get value() {
          reads++;
          return JSON.parse(json) as unknown;
        },
      };
    };
    let handler: BatchHandler = async () => {};
    const stream: RecordStream = {
      kind: 'memory',
      publish: async () => {},
      subscribe: async (sub) => {
        handler = sub.handler;
        return { stop: async () => {} };
      },
      ready: async () => true,
      close: async () => {},
    };
    await startClickHouseWriter({ stream, clickhouse: ch.client, logger });
    await handler([record(0), record(1)]); // first sight of the partition: checked against the table
    reads = 0;
    await handler([record(2), record(3)]);
    expect(reads).toBe(0);
    expect((await storedEvents(org)).length).toBe(4);
  });

  it('on Kafka, inserts the text as consumed and dead-letters what is not JSON', async () => {
    const org = 'org-kafka';
    const broker = await startMockCluster(Object.values(TOPICS).map((name) => ({ name, partitions: 1 })));
    const stream = await createKafkaStream({
      brokers: broker.brokers,
      clientId: 'kairro-test',
      topics: Object.values(TOPICS),
      logger: { warn: () => {}, error: () => {} },
      backoff: { initialMs: 100, maxMs: 500 },
      consumer: TEST_CONSUMER_TIMINGS,
    });
    const writer = await startClickHouseWriter({ stream, clickhouse: ch.client, logger });
    try {
      const good = Array.from({ length: 3 }, (_, i) => event(`01938a3c-0000-7000-8000-0000000005${i}0`, org));
      good[1]!.prompt_snippet = 'über "quotes" \\ and\nnewlines 🙂';
      await stream.publish(TOPICS.events, [
        { key: org, json: JSON.stringify(good[0]) },
        { key: org, json: '{"event_id": "01938a3c-0000-7000-8000-000000000599", "org_id": ' },
        { key: org, json: JSON.stringify(good[1]) },
      ]);
      await stream.publish(TOPICS.events, [{ key: org, value: good[2] }]);

      const letters = async () =>
        ch.client
          .query({
            query: `SELECT reason, payload FROM dead_letters FINAL WHERE topic = {topic:String} AND record_key = {org:String}`,
            query_params: { topic: TOPICS.events, org },
            format: 'JSONEachRow',
          })
          .then((r) => r.json<{ reason: string; payload: string }>());
      const deadline = Date.now() + 60_000;
      while ((await storedEvents(org)).length < 3 || (await letters()).length < 1) {
        if (Date.now() > deadline) throw new Error('timed out waiting for the writer');
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await storedEvents(org)).toEqual(good.map(columns));
      expect(await eventCount(org)).toBe(3);
      expect(await letters()).toEqual([
        {
          reason: 'the record is not JSON',
          payload: '{"event_id": "01938a3c-0000-7000-8000-000000000599", "org_id": ',
        },
      ]);
      expect(errors).toEqual([]);
    } finally {
      await writer.stop();
      await stream.close();
      await broker.stop();
    }
  });
});
