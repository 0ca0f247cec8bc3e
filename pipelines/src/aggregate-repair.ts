import type { ClickHouseClient } from '@clickhouse/client';

/**
 * ClickHouse commits an insert's raw part before its materialized views' parts: a writer killed in
 * between leaves raw rows the aggregates never counted, and the redelivery check then skips them
 * as stored. So when a redelivered batch finds rows already stored, the aggregates they feed are
 * recomputed from the raw tables for the orgs, hours, days and tools those rows touch, and what is
 * missing is inserted (only ever a positive difference: the redelivery check keeps rows from being
 * counted twice). The writer is the only one writing an org's partition of a topic, so no insert
 * of that org's rows interleaves with the comparison. Rare: it runs only after a crash.
 */
export async function repairAggregates(
  ch: ClickHouseClient,
  table: string,
  storedRows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  if (storedRows.length === 0) return;
  for (const orgId of new Set(storedRows.map((r) => String(r['org_id'])))) {
    const mine = storedRows.filter((r) => String(r['org_id']) === orgId);
    const hours = [...new Set(mine.map((r) => hourOf(String(r['occurred_at']))))];
    const days = [...new Set(hours.map((h) => h.slice(0, 10)))];
    const tools = [...new Set(mine.map((r) => String(r['tool'] ?? '')))];
    const params = { org: orgId, hours, days, tools };
    const run = (query: string) => ch.command({ query, query_params: params });
    if (table === 'events') {
      await run(EVENTS_HOURLY_REPAIR);
      await run(EVENT_COUNTS_HOURLY_REPAIR);
      await run(USER_EVENTS_DAILY_REPAIR);
      await run(INVENTORY_REPAIR);
      await run(TOOL_USAGE_DAILY_REPAIR);
    } else if (table === 'dlp_matches') {
      await run(DLP_HOURLY_REPAIR);
    } else if (table === 'shadow_ai_events') {
      await run(INVENTORY_REPAIR);
      await run(TOOL_USAGE_DAILY_REPAIR);
    }
  }
}

/** The row's hour as ClickHouse `toStartOfHour` gives it, UTC text. */
function hourOf(occurredAt: string): string {
  const ms = Date.parse(occurredAt);
  const hour = new Date(ms - (ms % 3_600_000));
  return hour.toISOString().slice(0, 19).replace('T', ' ');
}

const missing = (col: string) => `if(r.${col} > a.${col}, r.${col} - a.${col}, 0)`;

const EVENTS_HOURLY_REPAIR = `
INSERT INTO events_hourly (org_id, hour, action, risk_level, tool, user_email, team, events, flagged, findings, retention_days)
SELECT r.org_id, r.hour, r.action, r.risk_level, r.tool, r.user_email, r.team,
       ${missing('events')}, ${missing('flagged')}, ${missing('findings')}, r.retention_days
FROM (
  SELECT org_id, toStartOfHour(occurred_at) AS hour, action, risk_level, tool, user_email, team,
         count() AS events, countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
         max(retention_days) AS retention_days
  FROM events FINAL
  WHERE org_id = {org:String} AND toStartOfHour(occurred_at) IN {hours:Array(DateTime('UTC'))}
  GROUP BY org_id, hour, action, risk_level, tool, user_email, team
) AS r
LEFT JOIN (
  SELECT org_id, hour, action, risk_level, tool, user_email, team,
         sum(events) AS events, sum(flagged) AS flagged, sum(findings) AS findings
  FROM events_hourly
  WHERE org_id = {org:String} AND hour IN {hours:Array(DateTime('UTC'))}
  GROUP BY org_id, hour, action, risk_level, tool, user_email, team
) AS a USING (org_id, hour, action, risk_level, tool, user_email, team)
WHERE r.events > a.events`;

const EVENT_COUNTS_HOURLY_REPAIR = `
INSERT INTO event_counts_hourly (org_id, hour, action, risk_level, events, flagged, findings, retention_days)
SELECT r.org_id, r.hour, r.action, r.risk_level,
       ${missing('events')}, ${missing('flagged')}, ${missing('findings')}, r.retention_days
FROM (
  SELECT org_id, toStartOfHour(occurred_at) AS hour, action, risk_level,
         count() AS events, countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
         max(retention_days) AS retention_days
  FROM events FINAL
  WHERE org_id = {org:String} AND toStartOfHour(occurred_at) IN {hours:Array(DateTime('UTC'))}
  GROUP BY org_id, hour, action, risk_level
) AS r
LEFT JOIN (
  SELECT org_id, hour, action, risk_level,
         sum(events) AS events, sum(flagged) AS flagged, sum(findings) AS findings
  FROM event_counts_hourly
  WHERE org_id = {org:String} AND hour IN {hours:Array(DateTime('UTC'))}
  GROUP BY org_id, hour, action, risk_level
) AS a USING (org_id, hour, action, risk_level)
WHERE r.events > a.events`;

const USER_EVENTS_DAILY_REPAIR = `
INSERT INTO user_events_daily (org_id, day, tool, team, user_email, events, blocked, warned, flagged, findings, retention_days)
SELECT r.org_id, r.day, r.tool, r.team, r.user_email, ${missing('events')}, ${missing('blocked')},
       ${missing('warned')}, ${missing('flagged')}, ${missing('findings')}, r.retention_days
FROM (
  SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email, count() AS events,
         countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
         countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
         max(retention_days) AS retention_days
  FROM events FINAL
  WHERE org_id = {org:String} AND toDate(occurred_at) IN {days:Array(Date)}
  GROUP BY org_id, day, tool, team, user_email
) AS r
LEFT JOIN (
  SELECT org_id, day, tool, team, user_email, sum(events) AS events, sum(blocked) AS blocked,
         sum(warned) AS warned, sum(flagged) AS flagged, sum(findings) AS findings
  FROM user_events_daily
  WHERE org_id = {org:String} AND day IN {days:Array(Date)}
  GROUP BY org_id, day, tool, team, user_email
) AS a USING (org_id, day, tool, team, user_email)
WHERE r.events > a.events`;

const DLP_HOURLY_REPAIR = `
INSERT INTO dlp_hourly (org_id, hour, severity, detector, rule_id, action, tool, matches, retention_days)
SELECT r.org_id, r.hour, r.severity, r.detector, r.rule_id, r.action, r.tool, ${missing('matches')},
       r.retention_days
FROM (
  SELECT org_id, toStartOfHour(occurred_at) AS hour, severity, detector, rule_id, action, tool,
         count() AS matches, max(retention_days) AS retention_days
  FROM dlp_matches FINAL
  WHERE org_id = {org:String} AND toStartOfHour(occurred_at) IN {hours:Array(DateTime('UTC'))}
  GROUP BY org_id, hour, severity, detector, rule_id, action, tool
) AS r
LEFT JOIN (
  SELECT org_id, hour, severity, detector, rule_id, action, tool, sum(matches) AS matches
  FROM dlp_hourly
  WHERE org_id = {org:String} AND hour IN {hours:Array(DateTime('UTC'))}
  GROUP BY org_id, hour, severity, detector, rule_id, action, tool
) AS a USING (org_id, hour, severity, detector, rule_id, action, tool)
WHERE r.matches > a.matches`;

/**
 * The inventory counts prompts (events) and shadow-AI events together (not those of source `dlp`,
 * which repeat a prompt, 0008); both are recounted.
 */
const INVENTORY_REPAIR = `
INSERT INTO ai_tool_inventory (org_id, tool, category, first_seen, last_seen, users, events, prompts, blocked, warned, retention_days)
SELECT r.org_id, r.tool, '', r.first_seen, r.last_seen, r.users,
       ${missing('events')}, ${missing('prompts')}, ${missing('blocked')}, ${missing('warned')}, r.retention_days
FROM (
  SELECT org_id, tool, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
         uniqState(user_email) AS users, count() AS events, countIf(prompt) AS prompts,
         countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
         max(retention_days) AS retention_days
  FROM (
    SELECT org_id, tool, occurred_at, user_email, action, retention_days, true AS prompt
    FROM events FINAL WHERE org_id = {org:String} AND tool IN {tools:Array(String)}
    UNION ALL
    SELECT org_id, tool, occurred_at, user_email, action, retention_days, false AS prompt
    FROM shadow_ai_events FINAL
    WHERE org_id = {org:String} AND tool IN {tools:Array(String)} AND source != 'dlp'
  )
  GROUP BY org_id, tool
) AS r
LEFT JOIN (
  SELECT org_id, tool, sum(events) AS events, sum(prompts) AS prompts, sum(blocked) AS blocked,
         sum(warned) AS warned
  FROM ai_tool_inventory
  WHERE org_id = {org:String} AND tool IN {tools:Array(String)}
  GROUP BY org_id, tool
) AS a USING (org_id, tool)
WHERE r.events > a.events`;

/**
 * Per-day tool usage (0007) counts prompts and shadow-AI events together (not those of source `dlp`,
 * which repeat a prompt); both are recounted.
 */
const TOOL_USAGE_DAILY_REPAIR = `
INSERT INTO tool_usage_daily (org_id, day, tool, team, user_email, first_seen, last_seen, events, prompts, blocked, warned, retention_days)
SELECT r.org_id, r.day, r.tool, r.team, r.user_email, r.first_seen, r.last_seen,
       ${missing('events')}, ${missing('prompts')}, ${missing('blocked')}, ${missing('warned')}, r.retention_days
FROM (
  SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email,
         min(occurred_at) AS first_seen, max(occurred_at) AS last_seen, count() AS events,
         countIf(prompt) AS prompts, countIf(action = 'BLOCK') AS blocked,
         countIf(action = 'WARN') AS warned, max(retention_days) AS retention_days
  FROM (
    SELECT org_id, occurred_at, tool, team, user_email, action, retention_days, true AS prompt
    FROM events FINAL
    WHERE org_id = {org:String} AND toDate(occurred_at) IN {days:Array(Date)} AND tool IN {tools:Array(String)}
    UNION ALL
    SELECT org_id, occurred_at, tool, team, user_email, action, retention_days, false AS prompt
    FROM shadow_ai_events FINAL
    WHERE org_id = {org:String} AND toDate(occurred_at) IN {days:Array(Date)} AND tool IN {tools:Array(String)}
      AND source != 'dlp'
  )
  GROUP BY org_id, day, tool, team, user_email
) AS r
LEFT JOIN (
  SELECT org_id, day, tool, team, user_email, sum(events) AS events, sum(prompts) AS prompts,
         sum(blocked) AS blocked, sum(warned) AS warned
  FROM tool_usage_daily
  WHERE org_id = {org:String} AND day IN {days:Array(Date)} AND tool IN {tools:Array(String)}
  GROUP BY org_id, day, tool, team, user_email
) AS a USING (org_id, day, tool, team, user_email)
WHERE r.events > a.events`;
