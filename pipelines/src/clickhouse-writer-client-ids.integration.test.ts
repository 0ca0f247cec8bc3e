import { describe, expect, it } from 'vitest';
import { TOPICS } from '@kairro/core';
import { createMemoryStream } from '@kairro/stream';
import { startClickHouseWriter } from './clickhouse-writer.ts';
import { sighting, warnOverride, writerWorld } from './test-fixtures/writer.ts';

/**
 * Sightings and WARN overrides carry ids the extension chose or names: a retried request publishes
 * the same id again at a new offset. The writer must store it once, count it once in the
 * aggregates, and never let one org's id hide another org's row.
 */
describe('ClickHouse writer, ids from the extension', () => {
  const world = writerWorld();
  const { errors, logger } = world;
  const rows = async (query: string, params: Record<string, unknown> = {}) =>
    world.ch.client
      .query({ query, query_params: params, format: 'JSONEachRow' })
      .then((r) => r.json<Record<string, string>>());

  it('stores a retried sighting once and counts it once in the tool inventory', async () => {
    const org = 'org-s';
    const [one, two] = ['01938a3c-0000-7000-8000-000000000a01', '01938a3c-0000-7000-8000-000000000a02'];
    const stream = createMemoryStream();
    const writer = await startClickHouseWriter({ stream, clickhouse: world.ch.client, logger });
    await stream.publish(TOPICS.shadowAiEvents, [{ key: org, value: sighting(one, org) }]);
    // The retried request, later (the stored row has an earlier time), with a new sighting, and
    // the same id twice in one request's records.
    await new Promise((r) => setTimeout(r, 50)); // let the first batch commit on its own
    await stream.publish(TOPICS.shadowAiEvents, [
      { key: org, value: sighting(one, org, '2026-11-22T12:00:00.000Z') },
      { key: org, value: sighting(two, org) },
      { key: org, value: sighting(two, org) },
    ]);
    await stream.close();
    await writer.stop();
    const stored = await rows(
      'SELECT toString(event_id) AS id, count() AS n FROM shadow_ai_events WHERE org_id = {org:String} GROUP BY id ORDER BY id',
      { org },
    );
    expect(stored.map((r) => [r.id, Number(r.n)])).toEqual([
      [one, 1],
      [two, 1],
    ]);
    const [inventory] = await rows(
      'SELECT sum(events) AS events, sum(warned) AS warned FROM ai_tool_inventory WHERE org_id = {org:String}',
      { org },
    );
    expect([Number(inventory!.events), Number(inventory!.warned)]).toEqual([2, 2]);
    expect(errors).toEqual([]);
  });

  it('keeps one override per event and org, and another org’s override of the same id apart', async () => {
    const id = '01938a3c-0000-7000-8000-000000000b01';
    const stream = createMemoryStream();
    const writer = await startClickHouseWriter({ stream, clickhouse: world.ch.client, logger });
    await stream.publish(TOPICS.warnOverrides, [{ key: 'org-o', value: warnOverride(id, 'org-o') }]);
    await new Promise((r) => setTimeout(r, 50));
    await stream.publish(TOPICS.warnOverrides, [
      {
        key: 'org-o',
        value: { ...warnOverride(id, 'org-o', '2026-11-23T09:00:00.000Z'), justification: 'again' },
      },
      { key: 'org-p', value: warnOverride(id, 'org-p') },
    ]);
    await stream.close();
    await writer.stop();
    expect(
      await rows(
        `SELECT org_id, justification, toString(occurred_at) AS at FROM warn_overrides
         WHERE event_id = {id:UUID} ORDER BY org_id`,
        { id },
      ),
    ).toEqual([
      { org_id: 'org-o', justification: 'client deadline', at: '2026-11-22 10:00:00.123' },
      { org_id: 'org-p', justification: 'client deadline', at: '2026-11-22 10:00:00.123' },
    ]);
    expect(errors).toEqual([]);
  });
});
