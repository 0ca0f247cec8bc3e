-- Decision events and their DLP matches. Sort keys go tenant → time → low-cardinality dimensions;
-- ReplacingMergeTree keyed on the event id makes a redelivered record collapse into one row
-- (queries that must count exactly use FINAL or GROUP BY event_id). Retention by TTL per org lands
-- with the analytics issue; the default here keeps 400 days.

CREATE TABLE IF NOT EXISTS events
(
    event_id UUID,
    org_id LowCardinality(String),
    occurred_at DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    endpoint_id String,
    user_email String,
    tool LowCardinality(String),
    url_host LowCardinality(String),
    action LowCardinality(String),
    risk_level LowCardinality(String),
    match_count UInt16,
    detectors Array(LowCardinality(String)),
    prompt_snippet String,
    reasons Array(String),
    policy_ids Array(String),
    latency_ms Float32,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, toDate(occurred_at), event_id)
TTL toDateTime(occurred_at) + INTERVAL 400 DAY;

CREATE TABLE IF NOT EXISTS dlp_matches
(
    event_id UUID,
    org_id LowCardinality(String),
    occurred_at DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    match_index UInt16,
    detector LowCardinality(String),
    rule_id LowCardinality(String),
    severity LowCardinality(String),
    target LowCardinality(String),
    start UInt32,
    end UInt32,
    snippet String,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, toDate(occurred_at), event_id, match_index)
TTL toDateTime(occurred_at) + INTERVAL 400 DAY;
