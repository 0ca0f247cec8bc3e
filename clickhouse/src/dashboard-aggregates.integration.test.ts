import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickHouse, type ClickHouse } from './connect.ts';
import { CLICKHOUSE_MIGRATIONS_DIR, migrateClickHouse, splitStatements } from './migrate.ts';

const HOUR = 3_600_000;
const MIGRATION = '0005_dashboard_aggregates.sql';
const ACTIONS = ['ALLOW', 'WARN', 'MASK', 'BLOCK'];
const RISKS = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** A deterministic spread of events: 3 orgs, 5 users, 3 tools, 2 teams, 4 actions over 3 days. */
function events(count: number, seed: number, orgs = ['org-a', 'org-b', 'org-c']) {
  const base = Math.floor(Date.now() / HOUR) * HOUR;
  return Array.from({ length: count }, (_, i) => {
    const k = i * 7919 + seed * 104_729;
    const matches = k % 3;
    return {
      event_id: `01938a3c-${String(seed).padStart(4, '0')}-7000-8000-${String(i).padStart(12, '0')}`,
      org_id: orgs[k % orgs.length]!,
      occurred_at: new Date(base - (k % (72 * 60)) * 60_000 - (k % 997)).toISOString(),
      endpoint_id: 'ep',
      user_email: `user${k % 5}@example.com`,
      team: k % 5 < 3 ? 'Red' : 'Blue',
      tool: ['chatgpt', 'claude', 'gemini'][k % 3 === 0 ? (k >> 3) % 3 : k % 3]!,
      url_host: 'ai.example',
      action: ACTIONS[(k >> 2) % 4]!,
      risk_level: RISKS[matches === 0 ? 0 : 1 + ((k >> 4) % 4)]!,
      match_count: matches,
      detectors: [],
      prompt_snippet: '',
      reasons: [],
      policy_ids: [],
      latency_ms: 1,
      retention_days: 400,
    };
  });
}

/** The dashboard aggregates of 0005, against the raw events they count. */
describe('ClickHouse dashboard aggregates', () => {
  let ch: ClickHouse;
  const q = async <T>(query: string) =>
    ch.client.query({ query, format: 'JSONEachRow' }).then((r) => r.json<T>());

  /** Each aggregate grouped as its key says, next to the same grouping of `events FINAL`. */
  const compare = async () => ({
    counts: await q(`
      SELECT org_id, hour, action, risk_level, sum(events) AS events, sum(flagged) AS flagged, sum(findings) AS findings
      FROM event_counts_hourly GROUP BY ALL ORDER BY ALL`),
    rawCounts: await q(`
      SELECT org_id, toStartOfHour(occurred_at) AS hour, action, risk_level, count() AS events, countIf(match_count > 0) AS flagged, sum(match_count) AS findings
      FROM events FINAL GROUP BY ALL ORDER BY ALL`),
    users: await q(`
      SELECT org_id, day, tool, team, user_email, sum(events) AS events, sum(blocked) AS blocked,
             sum(warned) AS warned, sum(flagged) AS flagged, sum(findings) AS findings
      FROM user_events_daily GROUP BY ALL ORDER BY ALL`),
    rawUsers: await q(`
      SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email, count() AS events,
             countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
             countIf(match_count > 0) AS flagged, sum(match_count) AS findings
      FROM events FINAL GROUP BY ALL ORDER BY ALL`),
  });

  beforeAll(async () => {
    ch = await connectClickHouse({
      kind: 'embedded',
      path: join(mkdtempSync(join(tmpdir(), 'kairro-ch-')), 'clickhouse'),
      database: 'kairro',
    });
    // An installation with the migrations before 0005 and events already stored.
    const before = mkdtempSync(join(tmpdir(), 'kairro-ch-mig-'));
    for (const file of readdirSync(CLICKHOUSE_MIGRATIONS_DIR).filter((f) => f < MIGRATION))
      copyFileSync(join(CLICKHOUSE_MIGRATIONS_DIR, file), join(before, file));
    await migrateClickHouse(ch.client, `${before}/`);
    await ch.client.insert({ table: 'events', values: events(300, 1), format: 'JSONEachRow' });
    expect((await migrateClickHouse(ch.client)).applied).toContain(MIGRATION);
  });
  afterAll(async () => {
    await ch?.close();
  });

  it('backfills both aggregates from the events stored before it', async () => {
    const c = await compare();
    expect(c.counts).toEqual(c.rawCounts);
    expect(c.users).toEqual(c.rawUsers);
    expect(c.counts.length).toBeGreaterThan(10);
  });

  it('runs every statement again without doubling anything', async () => {
    const sql = readFileSync(join(CLICKHOUSE_MIGRATIONS_DIR, MIGRATION), 'utf8');
    for (const statement of splitStatements(sql)) await ch.client.command({ query: statement });
    const c = await compare();
    expect(c.counts).toEqual(c.rawCounts);
    expect(c.users).toEqual(c.rawUsers);
  });

  it('counts inserted events exactly, in several inserts, hour and day boundaries included', async () => {
    for (const seed of [2, 3, 4])
      await ch.client.insert({ table: 'events', values: events(400, seed), format: 'JSONEachRow' });
    const c = await compare();
    expect(c.counts).toEqual(c.rawCounts);
    expect(c.users).toEqual(c.rawUsers);
    // Merged parts sum the same.
    await ch.client.command({ query: 'OPTIMIZE TABLE event_counts_hourly FINAL' });
    await ch.client.command({ query: 'OPTIMIZE TABLE user_events_daily FINAL' });
    const merged = await compare();
    expect(merged.counts).toEqual(c.rawCounts);
    expect(merged.users).toEqual(c.rawUsers);
  });

  it("keeps each org's counts to its own rows", async () => {
    await ch.client.insert({ table: 'events', values: events(50, 5, ['org-solo']), format: 'JSONEachRow' });
    const perOrg = (table: string, n: string) =>
      q<{ org_id: string; n: string }>(
        `SELECT org_id, ${n} AS n FROM ${table} GROUP BY org_id ORDER BY org_id`,
      );
    const raw = await perOrg('events FINAL', 'count()');
    expect(raw.map((r) => r.org_id)).toEqual(['org-a', 'org-b', 'org-c', 'org-solo']);
    expect(await perOrg('event_counts_hourly', 'sum(events)')).toEqual(raw);
    expect(await perOrg('user_events_daily', 'sum(events)')).toEqual(raw);
    expect(Number(raw.find((r) => r.org_id === 'org-solo')?.n)).toBe(50);
  });
});
