import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouse } from '@kairro/clickhouse';
import { TOPICS } from '@kairro/core';
import { createMemoryStream } from '@kairro/stream';
import { startClickHouseWriter } from './clickhouse-writer.ts';
import { event, match, sighting, writerWorld } from './test-fixtures/writer.ts';

describe('ClickHouse writer', () => {
  const world = writerWorld();
  const { errors, logger, count } = world;
  let ch: ClickHouse;
  beforeAll(() => {
    ch = world.ch;
  });

  it('writes events and matches, and a redelivered record counts once', async () => {
    const stream = createMemoryStream();
    const writer = await startClickHouseWriter({ stream, clickhouse: ch.client, logger });
    const id = '01938a3c-0000-7000-8000-000000000001';
    await stream.publish(TOPICS.events, [{ key: 'org-a', value: event(id) }]);
    await stream.publish(TOPICS.events, [{ key: 'org-a', value: event(id) }]); // redelivery
    await stream.publish(TOPICS.dlpMatches, [{ key: 'org-a', value: match(id) }]);
    await stream.close(); // drains every published record into the writer
    await writer.stop();
    expect(await count('events', id)).toBe(1);
    expect(await count('dlp_matches', id)).toBe(1);
    expect(errors).toEqual([]);
  });

  it('retries a batch whose insert failed, and commits it once ClickHouse accepts it', async () => {
    const stream = createMemoryStream({ backoff: { initialMs: 20, maxMs: 50 } });
    await ch.client.command({ query: 'RENAME TABLE events TO events_away' });
    const writer = await startClickHouseWriter({ stream, clickhouse: ch.client, logger });
    const id = '01938a3c-0000-7000-8000-000000000002';
    await stream.publish(TOPICS.events, [{ key: 'org-a', value: event(id) }]);
    const deadline = Date.now() + 10_000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(errors.length).toBeGreaterThan(0); // the insert failed and was logged
    await ch.client.command({ query: 'RENAME TABLE events_away TO events' });
    await stream.close();
    await writer.stop();
    expect(await count('events', id)).toBe(1);
  });

  it('dead-letters poison records with the reason and keeps the stream moving', async () => {
    const stream = createMemoryStream({ backoff: { initialMs: 20, maxMs: 50 } });
    const writer = await startClickHouseWriter({ stream, clickhouse: ch.client, logger });
    const good = ['01938a3c-0000-7000-8000-000000000010', '01938a3c-0000-7000-8000-000000000011'];
    await stream.publish(TOPICS.events, [
      { key: 'org-a', value: event(good[0]!) },
      // Refused by ClickHouse (not a UUID) in the middle of a batch of good rows.
      { key: 'org-a', value: { ...event(good[0]!), event_id: 'not-a-uuid' } },
      { key: 'org-a', value: 'just a string' },
      { key: 'org-a', value: { ...event(good[1]!), org_id: undefined } },
      { key: 'org-a', value: event(good[1]!) },
    ]);
    // Records after the poison still arrive.
    const later = '01938a3c-0000-7000-8000-000000000012';
    await stream.publish(TOPICS.events, [{ key: 'org-a', value: event(later) }]);
    await stream.close();
    await writer.stop();

    for (const id of [...good, later]) expect(await count('events', id)).toBe(1);
    const letters = await ch.client
      .query({
        query: `SELECT org_id, topic, reason, payload FROM dead_letters FINAL WHERE record_key = 'org-a'
                ORDER BY source_offset`,
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ org_id: string; topic: string; reason: string; payload: string }>());
    expect(letters.map((l) => [l.org_id, l.topic])).toEqual([
      ['org-a', TOPICS.events],
      ['', TOPICS.events],
      ['', TOPICS.events],
    ]);
    expect(letters[0]!.reason).toMatch(/ClickHouse refused the row: .*UUID/i);
    expect(JSON.parse(letters[0]!.payload).event_id).toBe('not-a-uuid');
    expect(letters[1]!.reason).toBe('the record is not a JSON object');
    expect(letters[2]!.reason).toBe('org_id is missing');
  });

  it('does not count a redelivered batch twice in the aggregates', async () => {
    const ids = Array.from({ length: 4 }, (_, i) => `01938a3c-0000-7000-8000-0000000002${i}0`);
    const records = ids.map((id) => ({ key: 'org-r', value: event(id, 'org-r') }));
    // A first writer inserted the batch and died before the commit: the rows are stored…
    await ch.client.insert({
      table: 'events',
      values: records.slice(0, 3).map((r) => r.value),
      format: 'JSONEachRow',
    });
    // …and a new writer gets the whole batch again, plus one record it never saw.
    const stream = createMemoryStream();
    const writer = await startClickHouseWriter({ stream, clickhouse: ch.client, logger });
    await stream.publish(TOPICS.events, records);
    await stream.close();
    await writer.stop();
    const [row] = await ch.client
      .query({
        query: "SELECT sum(events) AS n FROM events_hourly WHERE org_id = 'org-r'",
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ n: string }>());
    expect(Number(row!.n)).toBe(4);
    for (const id of ids) expect(await count('events', id)).toBe(1);
  });

  it('recounts the aggregates when a crash left stored rows the views never counted', async () => {
    const org = 'org-k';
    const ids = Array.from({ length: 4 }, (_, i) => `01938a3c-0000-7000-8000-0000000003${i}0`);
    const records = ids.map((id) => ({ key: org, value: event(id, org) }));
    const matches = ids.map((id) => ({ key: org, value: match(id, org) }));
    const sightings = ids.map((id) => ({ key: org, value: sighting(id.replace(/0$/, '1'), org) }));
    // A first writer's inserts reached the raw tables…
    await ch.client.insert({
      table: 'events',
      values: records.slice(0, 3).map((r) => r.value),
      format: 'JSONEachRow',
    });
    await ch.client.insert({
      table: 'dlp_matches',
      values: matches.slice(0, 3).map((r) => r.value),
      format: 'JSONEachRow',
    });
    await ch.client.insert({
      table: 'shadow_ai_events',
      values: sightings.slice(0, 3).map((r) => r.value),
      format: 'JSONEachRow',
    });
    // …but it died before the views' parts were committed: the aggregates never saw those rows.
    for (const table of [
      'events_hourly',
      'event_counts_hourly',
      'user_events_daily',
      'dlp_hourly',
      'ai_tool_inventory',
      'tool_usage_daily',
    ])
      await ch.client.command({
        query: `DELETE FROM ${table} WHERE org_id = {org:String}`,
        query_params: { org },
        clickhouse_settings: { mutations_sync: '2' },
      });
    const stream = createMemoryStream();
    const writer = await startClickHouseWriter({ stream, clickhouse: ch.client, logger });
    await stream.publish(TOPICS.events, records);
    await stream.publish(TOPICS.dlpMatches, matches);
    await stream.publish(TOPICS.shadowAiEvents, sightings);
    await stream.close();
    await writer.stop();
    const total = async (query: string) =>
      Number(
        (
          await ch.client
            .query({ query, query_params: { org }, format: 'JSONEachRow' })
            .then((r) => r.json<{ n: string }>())
        )[0]!.n,
      );
    expect(await total('SELECT sum(events) AS n FROM events_hourly WHERE org_id = {org:String}')).toBe(4);
    expect(await total('SELECT sum(findings) AS n FROM events_hourly WHERE org_id = {org:String}')).toBe(4);
    for (const table of ['event_counts_hourly', 'user_events_daily']) {
      expect(await total(`SELECT sum(events) AS n FROM ${table} WHERE org_id = {org:String}`)).toBe(4);
      expect(await total(`SELECT sum(flagged) AS n FROM ${table} WHERE org_id = {org:String}`)).toBe(4);
    }
    expect(await total('SELECT sum(blocked) AS n FROM user_events_daily WHERE org_id = {org:String}')).toBe(
      4,
    );
    expect(await total('SELECT sum(matches) AS n FROM dlp_hourly WHERE org_id = {org:String}')).toBe(4);
    expect(await total('SELECT sum(prompts) AS n FROM ai_tool_inventory WHERE org_id = {org:String}')).toBe(
      4,
    );
    expect(
      await total('SELECT uniqMerge(users) AS n FROM ai_tool_inventory WHERE org_id = {org:String}'),
    ).toBe(1);
    // Tool usage per day counts the prompts (BLOCK) and the sightings (WARN, on poe) together.
    const usage = (col: string) =>
      `SELECT sum(${col}) AS n FROM tool_usage_daily WHERE org_id = {org:String}`;
    expect(await total(usage('events'))).toBe(8);
    expect(await total(usage('prompts'))).toBe(4);
    expect(await total(usage('blocked'))).toBe(4);
    expect(await total(usage('warned'))).toBe(4);
    expect(await total('SELECT uniqExact(tool) AS n FROM tool_usage_daily WHERE org_id = {org:String}')).toBe(
      2,
    );
    // Once consistent, another redelivery adds nothing.
    const again = createMemoryStream();
    const second = await startClickHouseWriter({ stream: again, clickhouse: ch.client, logger });
    await again.publish(TOPICS.events, records);
    await again.publish(TOPICS.shadowAiEvents, sightings);
    await again.close();
    await second.stop();
    for (const table of ['events_hourly', 'event_counts_hourly', 'user_events_daily'])
      expect(await total(`SELECT sum(events) AS n FROM ${table} WHERE org_id = {org:String}`)).toBe(4);
    expect(await total(usage('events'))).toBe(8);
    expect(await total('SELECT sum(prompts) AS n FROM ai_tool_inventory WHERE org_id = {org:String}')).toBe(
      4,
    );
  });
});
