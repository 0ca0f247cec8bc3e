-- Records the ClickHouse writer could not write (not JSON, not the table's shape, or refused by
-- ClickHouse as malformed), kept whole with the reason so an admin can see and replay them. The
-- payload is the record's JSON as text: this table accepts anything, so a dead letter never
-- becomes poison itself.

CREATE TABLE IF NOT EXISTS dead_letters
(
    failed_at DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
    org_id LowCardinality(String),
    topic LowCardinality(String),
    source_partition UInt32,
    source_offset String,
    record_key String,
    reason String,
    payload String CODEC(ZSTD),
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(failed_at)
ORDER BY (org_id, topic, source_partition, source_offset)
TTL toDateTime(failed_at) + INTERVAL 90 DAY;
