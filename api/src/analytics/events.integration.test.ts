import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import { listEvents } from './events.ts';
import type { EventFilterInput } from './event-filter.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * The event list probes time slices back from its newest end: pages must come out as one query over
 * the whole range would give them, whichever slices their rows fall in.
 */
describe('event list over time slices', () => {
  let ch: ClickHouse;
  const now = new Date();
  // Minutes ago of each event: after now, the last hour, day, week, 30 days, and older.
  const ages = [
    -10, 1, 5, 59, 61, 90, 300, 1439, 1441, 3000, 10_000, 10_079, 10_081, 20_000, 43_199, 43_201, 90_000,
  ];
  const data = ages.flatMap((age, i) =>
    ['BLOCK', 'ALLOW'].map((action, j) => ({
      event_id: `01938a3c-0000-7000-8000-${String(i * 2 + j).padStart(12, '0')}`,
      org_id: 'org-l',
      occurred_at: new Date(now.getTime() - age * MIN - j * 1000).toISOString(),
      user_email: `u${i % 3}@l.example`,
      tool: i % 2 ? 'claude' : 'chatgpt',
      action,
    })),
  );
  beforeAll(async () => {
    ch = await connectClickHouse({
      kind: 'embedded',
      path: join(mkdtempSync(join(tmpdir(), 'kairro-events-')), 'ch'),
      database: 'kairro',
    });
    await migrateClickHouse(ch.client);
    await ch.client.insert({ table: 'events', values: data, format: 'JSONEachRow' });
    // A redelivered copy and another org's events at the same times.
    await ch.client.insert({ table: 'events', values: data.slice(0, 4), format: 'JSONEachRow' });
    await ch.client.insert({
      table: 'events',
      values: data.map((e) => ({ ...e, org_id: 'org-m', event_id: e.event_id.replace('8000-0', '8000-f') })),
      format: 'JSONEachRow',
    });
  });
  afterAll(async () => {
    await ch?.close();
  });

  const pages = async (filters: EventFilterInput, limit: number) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await listEvents(ch.client, 'org-l', { ...filters, limit, cursor }, now);
      expect(page.events.length).toBeLessThanOrEqual(limit);
      seen.push(...page.events.map((e) => e.eventId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return seen;
  };
  const newestFirst = (keep: (e: (typeof data)[number]) => boolean) =>
    data
      .filter(keep)
      .sort((a, b) => b.occurred_at.localeCompare(a.occurred_at))
      .map((e) => e.event_id);

  it.each([1, 3, 7, 100])('pages through everything newest first, %i at a time', async (limit) => {
    expect(await pages({}, limit)).toEqual(newestFirst(() => true));
  });

  it('keeps the filters and the range in every slice', async () => {
    expect(await pages({ action: 'BLOCK' }, 4)).toEqual(newestFirst((e) => e.action === 'BLOCK'));
    expect(await pages({ tool: 'claude', action: 'ALLOW' }, 2)).toEqual(
      newestFirst((e) => e.tool === 'claude' && e.action === 'ALLOW'),
    );
    const since = new Date(now.getTime() - 48 * HOUR).toISOString();
    expect(await pages({ hours: 48 }, 3)).toEqual(newestFirst((e) => e.occurred_at >= since));
    const from = new Date(now.getTime() - 20 * 24 * HOUR).toISOString();
    const to = new Date(now.getTime() - 2 * HOUR).toISOString();
    expect(await pages({ from, to }, 5)).toEqual(
      newestFirst((e) => e.occurred_at >= from && e.occurred_at < to),
    );
  });

  it('answers a first page from the slices it needs only, with a cursor when more exist', async () => {
    const first = await listEvents(ch.client, 'org-l', { limit: 2 }, now);
    expect(first.events.map((e) => e.eventId)).toEqual(newestFirst(() => true).slice(0, 2));
    expect(first.nextCursor).not.toBeNull();
    const last = await listEvents(ch.client, 'org-l', { limit: 500 }, now);
    expect(last.events).toHaveLength(data.length);
    expect(last.nextCursor).toBeNull();
  });
});
