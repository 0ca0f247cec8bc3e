-- The AI tool inventory (0002) counts prompts from `events` and sightings from `shadow_ai_events`.
-- Since ingest also publishes a shadow-AI event of source `dlp` for every prompt on a tool the org
-- did not approve (with the prompt's event id), the shadow view would count such a prompt twice:
-- it now leaves those rows out, as tool_usage_daily (0007) does. Dropped and created again rather
-- than altered: `ALTER … MODIFY QUERY` is not available on every server this runs against.
-- Migrations run before the writer starts, so no insert falls between the two statements.

DROP VIEW IF EXISTS ai_tool_inventory_shadow_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS ai_tool_inventory_shadow_mv TO ai_tool_inventory AS
SELECT org_id, tool, max(category) AS category, min(occurred_at) AS first_seen,
       max(occurred_at) AS last_seen, uniqState(user_email) AS users, count() AS events,
       toUInt64(0) AS prompts, countIf(action = 'BLOCK') AS blocked, countIf(action = 'WARN') AS warned,
       max(retention_days) AS retention_days
FROM shadow_ai_events
WHERE source != 'dlp'
GROUP BY org_id, tool;
