-- The evaluation context of an event, for the policy engine: how the prompt reached the page, the
-- model, the estimated prompt length, and the reasons of the ALERT rules that fired. Records of
-- older ingest versions lack these fields; the writer's JSONEachRow insert then takes the defaults.
-- The prompt, the AI's reply and the mask mapping are never stored.

ALTER TABLE events ADD COLUMN IF NOT EXISTS input_type LowCardinality(String) DEFAULT '' AFTER url_host;
ALTER TABLE events ADD COLUMN IF NOT EXISTS model LowCardinality(String) DEFAULT '' AFTER input_type;
ALTER TABLE events ADD COLUMN IF NOT EXISTS prompt_tokens UInt32 DEFAULT 0 AFTER model;
ALTER TABLE events ADD COLUMN IF NOT EXISTS alerts Array(String) DEFAULT [] AFTER policy_ids;
