-- SOC analytics: per-org retention, teams, shadow-AI events and the aggregates dashboards read.
--
-- Retention: ingest writes the org's retention (days) on every row; the TTL reads that column, so
-- each org keeps its own window without a table per org. Rows written before this migration get
-- the former fixed 400 days.
--
-- Aggregates: materialized views fill Summing/AggregatingMergeTree tables at insert time. They see
-- every inserted row, so the ClickHouse writer checks a batch that may be a redelivery against the
-- stored rows and inserts only new ones (pipelines/src/clickhouse-writer.ts). Read them with
-- sum()/uniqMerge() and GROUP BY, never as single rows; ranges are whole hours.
--
-- Every statement is re-runnable (see src/migrate.ts). The backfills run only into an empty target
-- and before its view exists, so an interrupted migration run again neither loses nor doubles rows.

ALTER TABLE events ADD COLUMN IF NOT EXISTS team LowCardinality(String) DEFAULT '' AFTER user_email;
ALTER TABLE events ADD COLUMN IF NOT EXISTS retention_days UInt16 DEFAULT 400;
ALTER TABLE events MODIFY TTL toDateTime(occurred_at) + toIntervalDay(retention_days);

-- The finding's event context, copied onto each match so DLP aggregates need no join.
ALTER TABLE dlp_matches ADD COLUMN IF NOT EXISTS user_email String DEFAULT '' AFTER occurred_at;
ALTER TABLE dlp_matches ADD COLUMN IF NOT EXISTS team LowCardinality(String) DEFAULT '' AFTER user_email;
ALTER TABLE dlp_matches ADD COLUMN IF NOT EXISTS tool LowCardinality(String) DEFAULT '' AFTER team;
ALTER TABLE dlp_matches ADD COLUMN IF NOT EXISTS action LowCardinality(String) DEFAULT '' AFTER tool;
ALTER TABLE dlp_matches ADD COLUMN IF NOT EXISTS retention_days UInt16 DEFAULT 400;
ALTER TABLE dlp_matches MODIFY TTL toDateTime(occurred_at) + toIntervalDay(retention_days);

-- Use of AI tools seen outside a prompt evaluation: the extension (visits, uploads), DLP on other
-- channels, or a network heuristic. Topic kairro.shadow-ai-events.
CREATE TABLE IF NOT EXISTS shadow_ai_events
(
    event_id UUID,
    org_id LowCardinality(String),
    occurred_at DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    endpoint_id String,
    user_email String,
    team LowCardinality(String),
    tool LowCardinality(String),
    url_host LowCardinality(String),
    category LowCardinality(String),
    action LowCardinality(String),
    severity LowCardinality(String),
    source LowCardinality(String),
    detail String DEFAULT '',
    retention_days UInt16 DEFAULT 400,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, toDate(occurred_at), tool, event_id)
TTL toDateTime(occurred_at) + toIntervalDay(retention_days);

-- Events per (org, hour, action, risk level, tool, user, team): dashboards, ratios, breakdowns.
CREATE TABLE IF NOT EXISTS events_hourly
(
    org_id LowCardinality(String),
    hour DateTime('UTC') CODEC(Delta, ZSTD),
    action LowCardinality(String),
    risk_level LowCardinality(String),
    tool LowCardinality(String),
    user_email String,
    team LowCardinality(String),
    events UInt64,
    flagged UInt64,
    findings UInt64,
    retention_days SimpleAggregateFunction(max, UInt16)
)
ENGINE = SummingMergeTree((events, flagged, findings))
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, hour, action, risk_level, tool, user_email, team)
TTL hour + toIntervalDay(retention_days);

INSERT INTO events_hourly
SELECT org_id, toStartOfHour(occurred_at) AS hour, action, risk_level, tool, user_email, team,
       count() AS events, countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
       max(retention_days) AS retention_days
FROM events FINAL
WHERE (SELECT count() FROM events_hourly) = 0
  AND NOT exists(SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = 'events_hourly_mv')
GROUP BY org_id, hour, action, risk_level, tool, user_email, team;

CREATE MATERIALIZED VIEW IF NOT EXISTS events_hourly_mv TO events_hourly AS
SELECT org_id, toStartOfHour(occurred_at) AS hour, action, risk_level, tool, user_email, team,
       count() AS events, countIf(match_count > 0) AS flagged, sum(match_count) AS findings,
       max(retention_days) AS retention_days
FROM events
GROUP BY org_id, hour, action, risk_level, tool, user_email, team;

-- DLP findings per (org, hour, severity, detector, rule, action, tool): trends, top patterns.
CREATE TABLE IF NOT EXISTS dlp_hourly
(
    org_id LowCardinality(String),
    hour DateTime('UTC') CODEC(Delta, ZSTD),
    severity LowCardinality(String),
    detector LowCardinality(String),
    rule_id LowCardinality(String),
    action LowCardinality(String),
    tool LowCardinality(String),
    matches UInt64,
    retention_days SimpleAggregateFunction(max, UInt16)
)
ENGINE = SummingMergeTree(matches)
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, hour, severity, detector, rule_id, action, tool)
TTL hour + toIntervalDay(retention_days);

INSERT INTO dlp_hourly
SELECT m.org_id AS org_id, toStartOfHour(m.occurred_at) AS hour, m.severity AS severity,
       m.detector AS detector, m.rule_id AS rule_id, if(m.action = '', e.action, m.action) AS action,
       if(m.tool = '', e.tool, m.tool) AS tool, count() AS matches, max(m.retention_days) AS retention_days
FROM (SELECT * FROM dlp_matches FINAL) AS m
LEFT JOIN (SELECT event_id, action, tool FROM events FINAL) AS e ON e.event_id = m.event_id
WHERE (SELECT count() FROM dlp_hourly) = 0
  AND NOT exists(SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = 'dlp_hourly_mv')
GROUP BY org_id, hour, severity, detector, rule_id, action, tool;

CREATE MATERIALIZED VIEW IF NOT EXISTS dlp_hourly_mv TO dlp_hourly AS
SELECT org_id, toStartOfHour(occurred_at) AS hour, severity, detector, rule_id, action, tool,
       count() AS matches, max(retention_days) AS retention_days
FROM dlp_matches
GROUP BY org_id, hour, severity, detector, rule_id, action, tool;

-- The org's AI tool inventory: every tool seen in a prompt evaluation or a shadow-AI event.
CREATE TABLE IF NOT EXISTS ai_tool_inventory
(
    org_id LowCardinality(String),
    tool LowCardinality(String),
    category SimpleAggregateFunction(max, LowCardinality(String)),
    first_seen SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_seen SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    users AggregateFunction(uniq, String),
    events SimpleAggregateFunction(sum, UInt64),
    prompts SimpleAggregateFunction(sum, UInt64),
    blocked SimpleAggregateFunction(sum, UInt64),
    warned SimpleAggregateFunction(sum, UInt64),
    retention_days SimpleAggregateFunction(max, UInt16)
)
ENGINE = AggregatingMergeTree
ORDER BY (org_id, tool)
TTL toDateTime(last_seen) + toIntervalDay(retention_days);

INSERT INTO ai_tool_inventory
SELECT org_id, tool, '' AS category, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
       uniqState(user_email) AS users, count() AS events, count() AS prompts,
       countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       max(retention_days) AS retention_days
FROM events FINAL
WHERE (SELECT count() FROM ai_tool_inventory) = 0
  AND NOT exists(SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = 'ai_tool_inventory_events_mv')
GROUP BY org_id, tool;

CREATE MATERIALIZED VIEW IF NOT EXISTS ai_tool_inventory_events_mv TO ai_tool_inventory AS
SELECT org_id, tool, '' AS category, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
       uniqState(user_email) AS users, count() AS events, count() AS prompts,
       countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       max(retention_days) AS retention_days
FROM events
GROUP BY org_id, tool;

CREATE MATERIALIZED VIEW IF NOT EXISTS ai_tool_inventory_shadow_mv TO ai_tool_inventory AS
SELECT org_id, tool, max(category) AS category, min(occurred_at) AS first_seen,
       max(occurred_at) AS last_seen, uniqState(user_email) AS users, count() AS events,
       toUInt64(0) AS prompts, countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       max(retention_days) AS retention_days
FROM shadow_ai_events
GROUP BY org_id, tool;
