-- "Send anyway" on a WARN decision: who overrode which event, when, and why (the justification is
-- redacted with the org's DLP and truncated to 500 characters by ingest). Topic kairro.warn-overrides.
--
-- One override per event: the event id comes from the extension, so a retried request publishes
-- the same row again; the ClickHouse writer skips rows whose event id is already stored (it always
-- checks this table, see pipelines/src/clickhouse-writer.ts), and a stream redelivery of the same
-- record collapses here. Readers still take the earliest row of an event, so a duplicate that slipped
-- past both (say, retried across midnight) never shows twice.

CREATE TABLE IF NOT EXISTS warn_overrides
(
    event_id UUID,
    org_id LowCardinality(String),
    occurred_at DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    endpoint_id String,
    user_email String,
    team LowCardinality(String) DEFAULT '',
    justification String,
    retention_days UInt16 DEFAULT 400,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, toDate(occurred_at), event_id)
TTL toDateTime(occurred_at) + toIntervalDay(retention_days);
