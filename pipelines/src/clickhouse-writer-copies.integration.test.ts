/**
 * A publisher that cannot know whether Kafka took a batch (ingest's forwarder after a restart, or
 * retrying a send whose answer was lost) publishes it again, marked: the copies sit at new offsets,
 * so only the mark tells the writer to check them. Against the Kafka-protocol test broker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '@kairro/core';
import { createKafkaStream, type RecordStream, type Subscription } from '@kairro/stream';
import { startKafkaBroker, TEST_CONSUMER_TIMINGS, type KafkaBroker } from '../../test/helpers/kafka.ts';
import { topicSpecs } from '../../test/helpers/kafka-shape.ts';
import { startClickHouseWriter } from './clickhouse-writer.ts';
import { event, match, writerWorld } from './test-fixtures/writer.ts';

describe('ClickHouse writer: copies a publisher marked as redelivered', () => {
  const world = writerWorld();
  let broker: KafkaBroker;
  let stream: RecordStream;
  let writer: Subscription;

  beforeAll(async () => {
    broker = await startKafkaBroker(topicSpecs(1));
    stream = await createKafkaStream({
      brokers: broker.brokers,
      clientId: 'kairro-writer-copies-test',
      topics: Object.values(TOPICS),
      consumer: TEST_CONSUMER_TIMINGS,
    });
    writer = await startClickHouseWriter({ stream, clickhouse: world.ch.client, logger: world.logger });
  });

  afterAll(async () => {
    await writer?.stop();
    await stream?.close();
    await broker?.stop();
  });

  /** Events and findings the dashboards' aggregates hold for `orgId`. */
  async function aggregates(orgId: string): Promise<{ events: number; matches: number }> {
    const [row] = await world.ch.client
      .query({
        query: `SELECT (SELECT sum(events) FROM event_counts_hourly WHERE org_id = {org:String}) AS events,
                       (SELECT sum(matches) FROM dlp_hourly WHERE org_id = {org:String}) AS matches`,
        query_params: { org: orgId },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ events: string; matches: string }>());
    return { events: Number(row!.events), matches: Number(row!.matches) };
  }

  async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('stores and counts a marked copy once, whether the original was written already or travels in the same batch', async () => {
    const org = 'org-copies';
    const ids = Array.from({ length: 3 }, (_, i) => `01938a3c-0000-7000-8000-0000000003${i}0`);
    const events = ids.map((id) => ({ key: org, value: event(id, org) }));
    const matches = ids.map((id) => ({ key: org, value: match(id, org) }));

    // The originals of the first two, written and counted…
    await stream.publish(TOPICS.events, events.slice(0, 2));
    await stream.publish(TOPICS.dlpMatches, matches.slice(0, 2));
    await eventually(async () => (await aggregates(org)).events === 2, 'the originals');
    // …then the forwarder, unsure, sends them again, along with the third and a copy of it.
    const again = [...events.slice(0, 2), events[2]!, events[2]!].map((r) => ({ ...r, redelivered: true }));
    await stream.publish(TOPICS.events, again);
    await stream.publish(
      TOPICS.dlpMatches,
      [...matches, matches[2]!].map((r) => ({ ...r, redelivered: true })),
    );
    // A record published after them, so the copies have been handled once it is counted.
    const last = '01938a3c-0000-7000-8000-0000000003f0';
    await stream.publish(TOPICS.events, [{ key: org, value: event(last, org) }]);
    await stream.publish(TOPICS.dlpMatches, [{ key: org, value: match(last, org) }]);
    await eventually(async () => (await aggregates(org)).matches >= 4, 'the last record');

    expect(await aggregates(org)).toEqual({ events: 4, matches: 4 });
    for (const id of [...ids, last]) {
      expect(await world.count('events', id)).toBe(1);
      expect(await world.count('dlp_matches', id)).toBe(1);
    }
    expect(world.errors).toEqual([]);
  });
});
