-- Shadow-AI usage: which tools the org's people use, over time, per user and team.
--
-- tool_usage_daily: per (org, day, tool, team, user) events, prompts, blocked, warned, and the first
--   and last time seen that day. Fed from both `events` (prompt evaluations; prompts = events) and
--   `shadow_ai_events` (sightings; prompts = 0) except those of source `dlp`: ingest publishes one
--   for each prompt on a tool the org did not approve, with the prompt's event id, and the prompt is
--   already counted from `events`. The shadow-AI inventory, its daily trend, the tools
--   of each user and team and the discovered-host counts read it with sum()/min()/max() and GROUP
--   BY; distinct users are exact (uniqExact over user_email, which is in the key). DLP findings per
--   tool come from dlp_hourly (0002), which already holds them per (hour, tool).
--
-- Every statement is re-runnable (see src/migrate.ts). Two views feed the table, so each source is
-- backfilled on its own, before its view exists and only when the table holds none of that source's
-- rows yet (prompts > 0 marks rows from `events`, events > prompts rows from `shadow_ai_events`): an
-- interrupted run, applied again, neither loses nor doubles rows.

CREATE TABLE IF NOT EXISTS tool_usage_daily
(
    org_id LowCardinality(String),
    day Date CODEC(Delta, ZSTD),
    tool LowCardinality(String),
    team LowCardinality(String),
    user_email String,
    first_seen SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_seen SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    events SimpleAggregateFunction(sum, UInt64),
    prompts SimpleAggregateFunction(sum, UInt64),
    blocked SimpleAggregateFunction(sum, UInt64),
    warned SimpleAggregateFunction(sum, UInt64),
    retention_days SimpleAggregateFunction(max, UInt16)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (org_id, day, tool, team, user_email)
TTL day + toIntervalDay(retention_days);

INSERT INTO tool_usage_daily
SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email,
       min(occurred_at) AS first_seen, max(occurred_at) AS last_seen, count() AS events,
       count() AS prompts, countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       max(retention_days) AS retention_days
FROM events FINAL
WHERE (SELECT count() FROM tool_usage_daily WHERE prompts > 0) = 0
  AND NOT exists(SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = 'tool_usage_daily_events_mv')
GROUP BY org_id, day, tool, team, user_email;

CREATE MATERIALIZED VIEW IF NOT EXISTS tool_usage_daily_events_mv TO tool_usage_daily AS
SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email,
       min(occurred_at) AS first_seen, max(occurred_at) AS last_seen, count() AS events,
       count() AS prompts, countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       max(retention_days) AS retention_days
FROM events
GROUP BY org_id, day, tool, team, user_email;

INSERT INTO tool_usage_daily
SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email,
       min(occurred_at) AS first_seen, max(occurred_at) AS last_seen, count() AS events,
       toUInt64(0) AS prompts, countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       max(retention_days) AS retention_days
FROM shadow_ai_events FINAL
WHERE source != 'dlp'
  AND (SELECT count() FROM tool_usage_daily WHERE events > prompts) = 0
  AND NOT exists(SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = 'tool_usage_daily_shadow_mv')
GROUP BY org_id, day, tool, team, user_email;

CREATE MATERIALIZED VIEW IF NOT EXISTS tool_usage_daily_shadow_mv TO tool_usage_daily AS
SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email,
       min(occurred_at) AS first_seen, max(occurred_at) AS last_seen, count() AS events,
       toUInt64(0) AS prompts, countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       max(retention_days) AS retention_days
FROM shadow_ai_events
WHERE source != 'dlp'
GROUP BY org_id, day, tool, team, user_email;
