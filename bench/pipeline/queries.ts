/**
 * Part "queries": the console's dashboard queries over 10 million events (BENCH_EVENTS), timed by
 * calling the api's analytics functions against a chDB instance of our own. The events are
 * generated inside ClickHouse (INSERT … SELECT FROM numbers()), one org holding all of them (the
 * worst case for its dashboards), spread evenly over the last 30 days and inserted oldest first, as
 * they arrive in production (so each chunk's aggregate rows are its own hours, as merges leave
 * them): 2,000 users in 12 teams, 6 tools,
 * 80 % ALLOW / 10 % WARN / 3 % MASK / 7 % BLOCK; ~30 % of events carry 1–2 DLP matches. Event ids
 * are UUIDv7-shaped from the event's time, as ingest's are. The materialized views fill the
 * aggregates as rows are inserted, as they do in production.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { connectClickHouse, migrateClickHouse } from '@kairro/clickhouse';
import { aiToolInventory, breakdown } from '../../api/src/analytics/breakdowns.ts';
import { dlpOverview, dlpTrend } from '../../api/src/analytics/dlp.ts';
import { listEvents } from '../../api/src/analytics/events.ts';
import { eventsOverTime, eventsSummary } from '../../api/src/analytics/overview.ts';
import { resolveHourRange } from '../../api/src/analytics/range.ts';
import { onCleanup, removeAtCleanup } from './cleanup.ts';
import { rssMb } from './proc.ts';
import { envNumber, fmt, summarize } from './stats.ts';

const ORG = '0195a3c2-0000-7000-8000-00000000b3c4';
const CHUNK = 1_000_000;
const SPAN_MS = 30 * 86_400_000;

/**
 * One generated event per `number`, deterministic but for the time they end at (`now`, fixed per
 * run so an event's matches get its time and id): number n of `total` lands at a random instant of
 * the n-th of `total` equal steps of the 30 days. Ids have the UUIDv7 layout: 48 bits of
 * milliseconds, version 7, hashed bits, variant 8, the number.
 */
const eventSelect = (now: Date, total: number) => `
  WITH cityHash64(number, 4) % 100 AS r, cityHash64(number, 2) % 2000 AS u,
       multiIf(r < 80, 'ALLOW', r < 90, 'WARN', r < 93, 'MASK', 'BLOCK') AS act,
       multiIf(act = 'ALLOW', if(r < 70, 'NONE', 'LOW'), act = 'BLOCK', if(r % 2 = 0, 'HIGH', 'CRITICAL'), 'MEDIUM') AS risk,
       ['chatgpt', 'claude', 'gemini', 'copilot', 'perplexity', 'mistral'][1 + cityHash64(number, 3) % 6] AS t,
       toDateTime64('${now.toISOString().replace('T', ' ').replace('Z', '')}', 3, 'UTC')
         - toIntervalMillisecond(intDiv((${total} - number) * ${SPAN_MS}, ${total}) - cityHash64(number, 1) % ${Math.max(1, Math.floor(SPAN_MS / total))}) AS ts,
       leftPad(lower(hex(toUnixTimestamp64Milli(ts))), 12, '0') AS ms_hex,
       lower(hex(cityHash64(number, 6))) AS rand_hex
  SELECT
    toUUID(concat(substring(ms_hex, 1, 8), '-', substring(ms_hex, 9, 4), '-7', substring(rand_hex, 1, 3),
                  '-8', substring(rand_hex, 4, 3), '-', leftPad(lower(hex(number)), 12, '0'))) AS event_id,
    '${ORG}' AS org_id,
    ts AS occurred_at,
    concat('endpoint-', toString(u)) AS endpoint_id,
    concat('user', toString(u), '@example.com') AS user_email,
    concat('team-', toString(u % 12)) AS team,
    t AS tool,
    concat(t, '.example') AS url_host,
    act AS action,
    risk AS risk_level,
    toUInt16(if(risk = 'NONE', 0, 1 + r % 2)) AS match_count,
    multiIf(risk = 'NONE', [], risk = 'LOW', ['IP_ADDRESS'], risk = 'MEDIUM', ['EMAIL'], risk = 'HIGH', ['US_SSN'], ['CREDIT_CARD']) AS detectors,
    '' AS prompt_snippet,
    if(risk = 'NONE', [], [concat('Policy "Default" rule 1: ', detectors[1], ' (', risk, ') → ', act)]) AS reasons,
    [] AS policy_ids,
    toFloat32((cityHash64(number, 5) % 3000) / 1000) AS latency_ms,
    toUInt16(400) AS retention_days`;

const COLUMNS =
  'event_id, org_id, occurred_at, endpoint_id, user_email, team, tool, url_host, action, risk_level, ' +
  'match_count, detectors, prompt_snippet, reasons, policy_ids, latency_ms, retention_days';

async function generate(ch: ClickHouseClient, total: number): Promise<void> {
  const t0 = performance.now();
  const select = eventSelect(new Date(), total);
  for (let start = 0; start < total; start += CHUNK) {
    const n = Math.min(CHUNK, total - start);
    await ch.command({
      query: `INSERT INTO events (${COLUMNS}) ${select} FROM numbers(${start}, ${n})`,
    });
    // Each event's findings, with the event's context copied on (as ingest writes them).
    await ch.command({
      query: `
        INSERT INTO dlp_matches (event_id, org_id, occurred_at, user_email, team, tool, action, match_index,
                                 detector, rule_id, severity, target, start, end, snippet, retention_days)
        SELECT event_id, org_id, occurred_at, user_email, team, tool, action, toUInt16(i) AS match_index,
               detectors[1] AS detector, concat(lower(detectors[1]), '.default') AS rule_id, risk_level AS severity,
               'prompt' AS target, toUInt32(10 + 20 * i) AS start, toUInt32(25 + 20 * i) AS end,
               concat('… [', detectors[1], '] …') AS snippet, retention_days
        FROM (${select} FROM numbers(${start}, ${n}))
        ARRAY JOIN range(match_count) AS i
        WHERE match_count > 0`,
    });
    process.stdout.write(
      `\r  generating: ${fmt(start + n)} events (${fmt((performance.now() - t0) / 1000)} s)`,
    );
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `\r  generated ${fmt(total)} events in ${fmt(secs)} s (${fmt(total / secs)} events/s with their matches and views)`,
  );
}

async function scalar(ch: ClickHouseClient, query: string): Promise<string> {
  const rows = await ch.query({ query, format: 'JSONEachRow' }).then((r) => r.json<Record<string, string>>());
  return String(Object.values(rows[0] ?? {})[0] ?? '');
}

export async function run(): Promise<void> {
  const total = envNumber('BENCH_EVENTS', 10_000_000);
  const runs = envNumber('BENCH_RUNS', 15);
  const dir = mkdtempSync(join(tmpdir(), 'kairro-bench-queries-'));
  removeAtCleanup(dir);
  const { client: ch, close } = await connectClickHouse({ kind: 'embedded', path: dir, database: 'kairro' });
  onCleanup('close chDB', close);
  await migrateClickHouse(ch);
  await generate(ch, total);
  const tables = ['events', 'dlp_matches', 'events_hourly', 'event_counts_hourly', 'user_events_daily'];
  for (const table of [...tables, 'dlp_hourly', 'ai_tool_inventory']) {
    const rows = await scalar(ch, `SELECT count() FROM ${table}`);
    const parts = await scalar(
      ch,
      `SELECT count() FROM system.parts WHERE database = currentDatabase() AND table = '${table}' AND active`,
    );
    console.log(`    ${table.padEnd(20)} ${fmt(Number(rows)).padStart(11)} rows in ${parts} parts`);
  }

  const now = new Date();
  const cases: Array<[string, () => Promise<unknown>]> = [];
  for (const hours of [24, 168, 720]) {
    const label = hours === 24 ? '24h' : hours === 168 ? '7d' : '30d';
    const range = resolveHourRange({ hours }, now, 168);
    const bucket = hours > 168 ? 'day' : 'hour';
    const overview: Array<[string, () => Promise<unknown>]> = [
      ['summary', () => eventsSummary(ch, ORG, hours)],
      ['events over time', () => eventsOverTime(ch, ORG, hours)],
      ['DLP overview (3 queries)', () => dlpOverview(ch, ORG, range, { top: 20, now })],
      [`DLP trend by ${bucket}`, () => dlpTrend(ch, ORG, range, { bucket })],
      ['top users by blocked', () => breakdown(ch, ORG, range, { by: 'user', sort: 'blocked', limit: 8 })],
      ['top tools by blocked', () => breakdown(ch, ORG, range, { by: 'tool', sort: 'blocked', limit: 8 })],
      ['latest blocked', () => listEvents(ch, ORG, { hours, action: 'BLOCK', limit: 10 }, now)],
    ];
    for (const [name, fn] of overview) cases.push([`${label}  ${name}`, fn]);
    cases.push([
      `${label}  whole overview (the 7 above, in parallel)`,
      () => Promise.all(overview.map(([, fn]) => fn())),
    ]);
  }
  cases.push(['      events page, first 50 (no filter)', () => listEvents(ch, ORG, { limit: 50 }, now)]);
  cases.push(['      AI tool inventory', () => aiToolInventory(ch, ORG, 100)]);

  console.log(`  ${runs} runs each after 2 warm-ups (ms):        p50      p95   ≤ 300 ms (p95)`);
  let met = 0;
  for (const [name, fn] of cases) {
    for (let i = 0; i < 2; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    const s = summarize(times);
    if (s.p95 <= 300) met++;
    console.log(
      `    ${name.padEnd(46)} ${fmt(s.p50, 0).padStart(6)} ${fmt(s.p95, 0).padStart(8)}   ${s.p95 <= 300 ? 'met' : 'MISSED'}`,
    );
  }
  console.log(
    `  ${met} of ${cases.length} under 300 ms at p95; bench process RSS ${fmt(rssMb(process.pid))} MB`,
  );
}
