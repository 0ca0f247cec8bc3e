import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import { TOPICS, type DlpMatchRecord, type EventRecord } from '@kairro/core';
import {
  createKafkaStream,
  createMemoryStream,
  type BatchHandler,
  type ConsumedRecord,
  type RecordStream,
} from '@kairro/stream';
import { startMockCluster } from '../../test/helpers/kafka.ts';
import { startClickHouseWriter } from './clickhouse-writer.ts';

function event(id: string, orgId = 'org-a'): EventRecord {
  return {
    event_id: id,
    org_id: orgId,
    occurred_at: '2026-11-22T10:00:00.123Z',
    endpoint_id: 'ep',
    user_email: 'a@example.com',
    tool: 'chatgpt',
    url_host: 'chatgpt.com',
    action: 'BLOCK',
    risk_level: 'CRITICAL',
    match_count: 1,
    detectors: ['CREDIT_CARD'],
    prompt_snippet: '',
    reasons: ['r'],
    policy_ids: [],
    latency_ms: 1.5,
  };
}

function match(id: string, orgId = 'org-a'): DlpMatchRecord {
  return {
    event_id: id,
    org_id: orgId,
    occurred_at: '2026-11-22T10:00:00.123Z',
    tool: 'chatgpt',
    action: 'BLOCK',
    match_index: 0,
    detector: 'CREDIT_CARD',
    rule_id: 'credit-card',
    severity: 'CRITICAL',
    target: 'prompt',
    start: 3,
    end: 22,
    snippet: 'my [CREDIT_CARD] ok',
  };
}

describe('ClickHouse writer', () => {
  let ch: ClickHouse;
  const errors: object[] = [];
  const logger = { error: (obj: object) => errors.push(obj) };

  beforeAll(async () => {
    ch = await connectClickHouse({
      kind: 'embedded',
      path: join(mkdtempSync(join(tmpdir(), 'kairro-w-')), 'ch'),
      database: 'kairro',
    });
    await migrateClickHouse(ch.client);
  });
  afterAll(async () => {
    await ch?.close();
  });

  const count = async (table: string, id: string) => {
    const [row] = await ch.client
      .query({
        query: `SELECT count() AS n FROM ${table} FINAL WHERE event_id = {id:UUID}`,
        query_params: { id },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ n: string }>());
    return Number(row!.n);
  };

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
      consumer: {
        sessionTimeout: 6_000,
        heartbeatInterval: 500,
        rebalanceTimeout: 3_000,
        maxWaitTimeInMs: 100,
      },
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
    // …but it died before the views' parts were committed: the aggregates never saw those rows.
    for (const table of [
      'events_hourly',
      'event_counts_hourly',
      'user_events_daily',
      'dlp_hourly',
      'ai_tool_inventory',
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
    // Once consistent, another redelivery adds nothing.
    const again = createMemoryStream();
    const second = await startClickHouseWriter({ stream: again, clickhouse: ch.client, logger });
    await again.publish(TOPICS.events, records);
    await again.close();
    await second.stop();
    for (const table of ['events_hourly', 'event_counts_hourly', 'user_events_daily'])
      expect(await total(`SELECT sum(events) AS n FROM ${table} WHERE org_id = {org:String}`)).toBe(4);
    expect(await total('SELECT sum(prompts) AS n FROM ai_tool_inventory WHERE org_id = {org:String}')).toBe(
      4,
    );
  });
});
