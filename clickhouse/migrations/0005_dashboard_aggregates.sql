-- Dashboard aggregates that aggregate: `events_hourly` keeps the user in its key and holds nearly a
-- row per event, so the dashboards read these instead (it stays for the SQL workbench and for the
-- part-days of per-user breakdowns).
--
-- event_counts_hourly: events per (org, hour, action, risk level): a few rows an hour. Summary,
--   events over time, DLP ratios. Per-tool and per-team views need distinct users, so they read
--   the per-user aggregate.
-- user_events_daily: per (org, day, tool, team, user) events, blocked, warned, flagged, findings.
--   Per-user, per-tool and per-team breakdowns and distinct users over whole days (UTC); the hours
--   of a range outside whole days come from events_hourly.
--
-- Both are fed by materialized views on `events` like those of 0002, and read with sum() and
-- GROUP BY.
--
-- Every statement is re-runnable (see src/migrate.ts). The backfills run only into an empty target
-- and before its view exists, so an interrupted migration run again neither loses nor doubles rows.

CREATE TABLE IF NOT EXISTS event_counts_hourly
(
    org_id LowCardinality(String),
    hour DateTime('UTC') CODEC(Delta, ZSTD),
    action LowCardinality(String),
    risk_level LowCardinality(String),
    events UInt64,
    flagged UInt64,
    findings UInt64,
    retention_days SimpleAggregateFunction(max, UInt16)
)
ENGINE = SummingMergeTree((events, flagged, findings))
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, hour, action, risk_level)
TTL hour + toIntervalDay(retention_days);

INSERT INTO event_counts_hourly
SELECT org_id, toStartOfHour(occurred_at) AS hour, action, risk_level,
       count() AS events, countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
       max(retention_days) AS retention_days
FROM events FINAL
WHERE (SELECT count() FROM event_counts_hourly) = 0
  AND NOT exists(SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = 'event_counts_hourly_mv')
GROUP BY org_id, hour, action, risk_level;

CREATE MATERIALIZED VIEW IF NOT EXISTS event_counts_hourly_mv TO event_counts_hourly AS
SELECT org_id, toStartOfHour(occurred_at) AS hour, action, risk_level,
       count() AS events, countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
       max(retention_days) AS retention_days
FROM events
GROUP BY org_id, hour, action, risk_level;

CREATE TABLE IF NOT EXISTS user_events_daily
(
    org_id LowCardinality(String),
    day Date CODEC(Delta, ZSTD),
    tool LowCardinality(String),
    team LowCardinality(String),
    user_email String,
    events UInt64,
    blocked UInt64,
    warned UInt64,
    flagged UInt64,
    findings UInt64,
    retention_days SimpleAggregateFunction(max, UInt16)
)
ENGINE = SummingMergeTree((events, blocked, warned, flagged, findings))
PARTITION BY toYYYYMM(day)
ORDER BY (org_id, day, tool, team, user_email)
TTL day + toIntervalDay(retention_days);

INSERT INTO user_events_daily
SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email,
       count() AS events, countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
       max(retention_days) AS retention_days
FROM events FINAL
WHERE (SELECT count() FROM user_events_daily) = 0
  AND NOT exists(SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = 'user_events_daily_mv')
GROUP BY org_id, day, tool, team, user_email;

CREATE MATERIALIZED VIEW IF NOT EXISTS user_events_daily_mv TO user_events_daily AS
SELECT org_id, toDate(occurred_at) AS day, tool, team, user_email,
       count() AS events, countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
       max(retention_days) AS retention_days
FROM events
GROUP BY org_id, day, tool, team, user_email;
