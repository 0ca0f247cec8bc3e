import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import { eventsOverTime, eventsSummary } from './overview.ts';

const HOUR = 3_600_000;

describe('overview analytics over the hourly aggregate', () => {
  let ch: ClickHouse;
  const now = Date.now();
  beforeAll(async () => {
    ch = await connectClickHouse({
      kind: 'embedded',
      path: join(mkdtempSync(join(tmpdir(), 'kairro-overview-')), 'ch'),
      database: 'kairro',
    });
    await migrateClickHouse(ch.client);
    const at = (msAgo: number, action: string, n: number, org = 'org-o') => ({
      event_id: `01938a3c-0000-7000-8000-${String(n).padStart(12, '0')}`,
      org_id: org,
      occurred_at: new Date(now - msAgo).toISOString(),
      action,
    });
    // Inserted the way the writer does, so the materialized views fill the aggregates.
    await ch.client.insert({
      table: 'events',
      format: 'JSONEachRow',
      values: [
        at(24 * HOUR + 60_000, 'BLOCK', 1), // just outside 24 h, possibly in the same hour as the next
        at(24 * HOUR - 60_000, 'WARN', 2), // just inside
        at(23.5 * HOUR, 'ALLOW', 3),
        at(2 * HOUR, 'BLOCK', 4),
        at(60_000, 'ALLOW', 5),
        at(60_000, 'ALLOW', 6, 'org-other'),
        at(100 * HOUR, 'WARN', 7), // only in the 7-day views
      ],
    });
  });
  afterAll(async () => {
    await ch?.close();
  });

  it('counts exactly the events inside the range, including the part-hour at its start', async () => {
    expect(await eventsSummary(ch.client, 'org-o', 24)).toEqual({
      total: 4,
      byAction: { ALLOW: 2, WARN: 1, MASK: 0, BLOCK: 1 },
    });
    expect((await eventsSummary(ch.client, 'org-o', 168)).total).toBe(6);
  });

  it('draws wide ranges from the aggregate and narrow ones from raw events, org-scoped', async () => {
    const week = await eventsOverTime(ch.client, 'org-o', 168);
    expect(week.bucketSeconds).toBeGreaterThanOrEqual(3600);
    expect(week.buckets.reduce((n, b) => n + b.count, 0)).toBe(6);
    const day = await eventsOverTime(ch.client, 'org-o', 24);
    expect(day.bucketSeconds).toBeLessThan(3600);
    expect(day.buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
  });
});
