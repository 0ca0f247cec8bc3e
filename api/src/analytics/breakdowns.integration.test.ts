import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import { breakdown, tailDay, wholeDays, type BreakdownDimension } from './breakdowns.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Row {
  event_id: string;
  org_id: string;
  occurred_at: string;
  user_email: string;
  team: string;
  tool: string;
  action: string;
  match_count: number;
}

/** 600 events of org-x over 4 days (users change team and tool), 60 of org-y with its own names. */
function rows(midnight: number): Row[] {
  return Array.from({ length: 660 }, (_, i) => {
    const k = i * 7919;
    const org = i < 600 ? 'org-x' : 'org-y';
    const user = k % 7;
    return {
      event_id: `01938a3c-0000-7000-8000-${String(i).padStart(12, '0')}`,
      org_id: org,
      occurred_at: new Date(midnight - 2 * DAY + ((i * 1_234_567_891) % (4 * DAY - HOUR))).toISOString(),
      user_email: org === 'org-x' ? `u${user}@x.example` : `y${user}@y.example`,
      team: org === 'org-x' ? ['Red', 'Blue', ''][(user + (k >> 5)) % 3]! : 'Yellow',
      tool: ['chatgpt', 'claude', 'gemini', 'copilot'][(k >> 3) % 4]!,
      action: ['ALLOW', 'WARN', 'MASK', 'BLOCK'][(k >> 7) % 4]!,
      match_count: (k >> 2) % 3,
    };
  });
}

describe('breakdown over the daily and hourly aggregates', () => {
  let ch: ClickHouse;
  // A midnight in the past, so the data spans two days before it and two after (up to an hour ago).
  const midnight = Math.floor((Date.now() - 2 * DAY) / DAY) * DAY;
  const data = rows(midnight);
  beforeAll(async () => {
    ch = await connectClickHouse({
      kind: 'embedded',
      path: join(mkdtempSync(join(tmpdir(), 'kairro-breakdown-')), 'ch'),
      database: 'kairro',
    });
    await migrateClickHouse(ch.client);
    // Several inserts, as the writer makes them, so the aggregates hold unmerged parts.
    for (let i = 0; i < data.length; i += 150)
      await ch.client.insert({ table: 'events', values: data.slice(i, i + 150), format: 'JSONEachRow' });
  });
  afterAll(async () => {
    await ch?.close();
  });

  const expected = (
    org: string,
    from: number,
    to: number,
    by: BreakdownDimension,
    filter: { tool?: string; team?: string },
  ) => {
    const out = new Map<
      string,
      {
        events: number;
        blocked: number;
        warned: number;
        flagged: number;
        findings: number;
        users: Set<string>;
      }
    >();
    for (const r of data) {
      const t = Date.parse(r.occurred_at);
      if (r.org_id !== org || t < from || t >= to) continue;
      if ((filter.tool && r.tool !== filter.tool) || (filter.team && r.team !== filter.team)) continue;
      const key = by === 'user' ? r.user_email : by === 'tool' ? r.tool : r.team;
      const row = out.get(key) ?? {
        events: 0,
        blocked: 0,
        warned: 0,
        flagged: 0,
        findings: 0,
        users: new Set(),
      };
      row.events++;
      if (r.action === 'BLOCK') row.blocked++;
      if (r.action === 'WARN') row.warned++;
      if (r.match_count > 0) row.flagged++;
      row.findings += r.match_count;
      row.users.add(r.user_email);
      out.set(key, row);
    }
    return Object.fromEntries(
      [...out].map(([key, { users, ...counts }]) => [key, { ...counts, users: users.size }]),
    );
  };

  const ranges: Array<[string, number, number]> = [
    ['whole days with hours on both sides', midnight - 30 * HOUR, midnight + 29 * HOUR],
    ['hours inside one day', midnight + 3 * HOUR, midnight + 17 * HOUR],
    ['hours across one midnight', midnight - 5 * HOUR, midnight + 5 * HOUR],
    ['exactly whole days', midnight - DAY, midnight + DAY],
    ['a range ending after the last event of its day', midnight - 30 * HOUR, midnight + 47 * HOUR],
    ['hours across a midnight, nothing after', midnight + 20 * HOUR, midnight + 47 * HOUR],
    ['everything', midnight - 3 * DAY, midnight + 3 * DAY],
  ];

  it.each(ranges)('counts %s exactly as the raw events, per user, tool and team', async (_name, from, to) => {
    const range = { from: new Date(from), to: new Date(to) };
    for (const by of ['user', 'tool', 'team'] as const) {
      for (const filter of [
        {},
        { tool: 'claude' },
        { team: 'Red' },
        { tool: 'gemini', team: 'Blue' },
      ] as Array<{
        tool?: string;
        team?: string;
      }>) {
        const got = await breakdown(ch.client, 'org-x', range, { by, sort: 'events', limit: 100, ...filter });
        const want = expected('org-x', from, to, by, filter);
        if (!filter.tool && !filter.team) expect(Object.keys(want).length).toBeGreaterThan(1);
        expect(Object.fromEntries(got.rows.map(({ key, ...counts }) => [key, counts]))).toEqual(want);
        const events = got.rows.map((r) => r.events);
        expect(events).toEqual([...events].sort((a, b) => b - a));
      }
    }
  });

  it('sorts by blocked and limits', async () => {
    const range = { from: new Date(midnight - 30 * HOUR), to: new Date(midnight + 29 * HOUR) };
    const got = await breakdown(ch.client, 'org-x', range, { by: 'user', sort: 'blocked', limit: 3 });
    const want = Object.entries(expected('org-x', +range.from, +range.to, 'user', {}))
      .sort(([ka, a], [kb, b]) => b.blocked - a.blocked || ka.localeCompare(kb))
      .slice(0, 3);
    expect(got.rows.map((r) => [r.key, r.blocked])).toEqual(want.map(([k, r]) => [k, r.blocked]));
  });

  it("shows only the org's own rows", async () => {
    const range = { from: new Date(midnight - 3 * DAY), to: new Date(midnight + 3 * DAY) };
    const y = await breakdown(ch.client, 'org-y', range, { by: 'user', sort: 'events', limit: 100 });
    expect(y.rows.every((r) => r.key.endsWith('@y.example'))).toBe(true);
    expect(y.rows.reduce((n, r) => n + r.events, 0)).toBe(60);
    const none = await breakdown(ch.client, 'org-z', range, { by: 'tool', sort: 'events', limit: 100 });
    expect(none.rows).toEqual([]);
  });
});

describe('wholeDays', () => {
  it('is the UTC days inside the range, or an empty range', () => {
    const at = (s: string) => new Date(s);
    expect(wholeDays({ from: at('2026-11-20T05:00:00Z'), to: at('2026-11-23T02:00:00Z') })).toEqual({
      from: '2026-11-21',
      to: '2026-11-23',
    });
    expect(wholeDays({ from: at('2026-11-20T00:00:00Z'), to: at('2026-11-21T00:00:00Z') })).toEqual({
      from: '2026-11-20',
      to: '2026-11-21',
    });
    expect(wholeDays({ from: at('2026-11-20T05:00:00Z'), to: at('2026-11-21T04:00:00Z') })).toEqual({
      from: '2026-11-21',
      to: '2026-11-21',
    });
  });
});

describe('tailDay', () => {
  const at = (s: string) => new Date(s);
  it('is the day after a last partial day the range covers from its start', () => {
    expect(tailDay({ from: at('2026-11-20T05:00:00Z'), to: at('2026-11-23T02:00:00Z') })).toEqual({
      next: '2026-11-24',
    });
    expect(tailDay({ from: at('2026-11-22T23:00:00Z'), to: at('2026-11-23T02:00:00Z') })).toEqual({
      next: '2026-11-24',
    });
  });
  it('is undefined when the range ends at midnight or starts inside its last day', () => {
    expect(tailDay({ from: at('2026-11-20T05:00:00Z'), to: at('2026-11-23T00:00:00Z') })).toBeUndefined();
    expect(tailDay({ from: at('2026-11-23T01:00:00Z'), to: at('2026-11-23T05:00:00Z') })).toBeUndefined();
  });
});
