import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickHouse, type ClickHouse } from './connect.ts';
import { CLICKHOUSE_MIGRATIONS_DIR, migrateClickHouse, splitStatements } from './migrate.ts';

const DAY = 86_400_000;
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
let n = 0;
const event = (over: Record<string, unknown> = {}) => ({
  event_id: `01938a3c-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  org_id: 'org-a',
  occurred_at: iso(3_600_000),
  endpoint_id: 'ep',
  user_email: 'ana@example.com',
  tool: 'chatgpt',
  url_host: 'chatgpt.com',
  action: 'BLOCK',
  risk_level: 'CRITICAL',
  match_count: 1,
  detectors: ['CREDIT_CARD'],
  prompt_snippet: '',
  reasons: [],
  policy_ids: [],
  latency_ms: 1,
  ...over,
});

/** The analytics model (0002): backfill of existing rows, re-runnable statements, per-row TTL. */
describe('ClickHouse analytics model', () => {
  let ch: ClickHouse;
  const q = async <T>(query: string) =>
    ch.client.query({ query, format: 'JSONEachRow' }).then((r) => r.json<T>());
  const sum = async (query: string) => Number((await q<{ n: string }>(query))[0]?.n ?? 0);

  beforeAll(async () => {
    ch = await connectClickHouse({
      kind: 'embedded',
      path: join(mkdtempSync(join(tmpdir(), 'kairro-ch-')), 'clickhouse'),
      database: 'kairro',
    });
    // An installation that has only 0001 and some events already.
    const onlyFirst = mkdtempSync(join(tmpdir(), 'kairro-ch-mig-'));
    copyFileSync(join(CLICKHOUSE_MIGRATIONS_DIR, '0001_events.sql'), join(onlyFirst, '0001_events.sql'));
    await migrateClickHouse(ch.client, `${onlyFirst}/`);
    const legacy = event();
    await ch.client.insert({
      table: 'events',
      values: [legacy, event({ action: 'ALLOW' })],
      format: 'JSONEachRow',
    });
    await ch.client.insert({
      table: 'dlp_matches',
      values: [
        {
          event_id: legacy.event_id,
          org_id: 'org-a',
          occurred_at: legacy.occurred_at,
          match_index: 0,
          detector: 'CREDIT_CARD',
          rule_id: 'credit_card',
          severity: 'CRITICAL',
          target: 'prompt',
          start: 0,
          end: 16,
          snippet: '[CREDIT_CARD]',
        },
      ],
      format: 'JSONEachRow',
    });
    expect((await migrateClickHouse(ch.client)).applied).toContain('0002_analytics.sql');
  });
  afterAll(async () => {
    await ch?.close();
  });

  it('backfills the aggregates from the rows written before it, with the old 400 days', async () => {
    expect(await sum('SELECT sum(events) AS n FROM events_hourly')).toBe(2);
    expect(await sum("SELECT sum(events) AS n FROM events_hourly WHERE action = 'BLOCK'")).toBe(1);
    // The finding's action and tool came from its event.
    expect(
      await q('SELECT detector, action, tool, sum(matches) AS matches FROM dlp_hourly GROUP BY ALL'),
    ).toEqual([{ detector: 'CREDIT_CARD', action: 'BLOCK', tool: 'chatgpt', matches: 1 }]);
    expect(await q('SELECT DISTINCT retention_days FROM events')).toEqual([{ retention_days: 400 }]);
  });

  it('runs every statement again without doubling anything', async () => {
    const sql = readFileSync(join(CLICKHOUSE_MIGRATIONS_DIR, '0002_analytics.sql'), 'utf8');
    for (const statement of splitStatements(sql)) await ch.client.command({ query: statement });
    expect(await sum('SELECT sum(events) AS n FROM events_hourly')).toBe(2);
    expect(await sum('SELECT sum(matches) AS n FROM dlp_hourly')).toBe(1);
    expect(await sum('SELECT sum(events) AS n FROM ai_tool_inventory')).toBe(2);
  });

  it('feeds the aggregates on insert, including shadow-AI events into the inventory', async () => {
    await ch.client.insert({
      table: 'events',
      values: [
        event({
          org_id: 'org-b',
          tool: 'claude',
          user_email: 'bo@b.example',
          team: 'Ops',
          retention_days: 90,
        }),
      ],
      format: 'JSONEachRow',
    });
    await ch.client.insert({
      table: 'shadow_ai_events',
      values: [
        {
          event_id: '01938a3c-0000-7000-8000-00000000ff01',
          org_id: 'org-b',
          occurred_at: iso(1000),
          endpoint_id: 'ep',
          user_email: 'cy@b.example',
          team: 'Ops',
          tool: 'claude',
          url_host: 'claude.ai',
          category: 'chat',
          action: 'WARN',
          severity: 'LOW',
          source: 'extension',
          retention_days: 90,
        },
      ],
      format: 'JSONEachRow',
    });
    expect(
      await q(`SELECT tool, max(category) AS category, uniqMerge(users) AS users, sum(events) AS events,
                      sum(prompts) AS prompts, sum(blocked) AS blocked, sum(warned) AS warned
               FROM ai_tool_inventory WHERE org_id = 'org-b' GROUP BY tool`),
    ).toEqual([{ tool: 'claude', category: 'chat', users: 2, events: 2, prompts: 1, blocked: 1, warned: 1 }]);
    expect(
      await q("SELECT team, sum(events) AS events FROM events_hourly WHERE org_id = 'org-b' GROUP BY team"),
    ).toEqual([{ team: 'Ops', events: 1 }]);
  });

  it('drops each row after its own retention', async () => {
    await ch.client.insert({
      table: 'events',
      values: [
        event({ org_id: 'org-ttl', occurred_at: iso(3 * DAY), retention_days: 1 }),
        event({ org_id: 'org-ttl', occurred_at: iso(3 * DAY), retention_days: 30 }),
      ],
      format: 'JSONEachRow',
    });
    await ch.client.command({ query: 'OPTIMIZE TABLE events FINAL' });
    await ch.client.command({ query: 'OPTIMIZE TABLE events_hourly FINAL' });
    expect(await q("SELECT retention_days FROM events WHERE org_id = 'org-ttl'")).toEqual([
      { retention_days: 30 },
    ]);
    // The aggregate row of the hour keeps the longest retention of the rows it sums.
    expect(await sum("SELECT sum(events) AS n FROM events_hourly WHERE org_id = 'org-ttl'")).toBe(2);
  });
});
