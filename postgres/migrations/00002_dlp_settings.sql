-- Per-org DLP tuning: custom detectors (RE2 patterns, validated and compiled by the services) and
-- the org's DLP settings (allowlists, test cards, what an event stores).

create table custom_detectors (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  -- Canonical type reported with each finding; the API refuses the built-in types.
  type text not null check (type ~ '^[A-Z][A-Z0-9_]{1,63}$'),
  description text not null default '',
  -- RE2 syntax (linear time); checked by compileCustomPattern before it is written.
  pattern text not null check (length(pattern) between 1 and 1000),
  case_insensitive boolean not null default false,
  severity text not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  target text not null default 'prompt' check (target in ('prompt', 'response', 'both')),
  -- Lower-case prefilter words; empty = the pattern always runs.
  keywords text[] not null default '{}',
  validator text not null default 'none',
  enabled boolean not null default true,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name)
);
create index custom_detectors_org on custom_detectors (org_id);

create table org_dlp_settings (
  org_id uuid primary key references orgs (id) on delete cascade,
  -- Exact values never reported (e.g. a public support address), and email domains never reported.
  allowlist_values text[] not null default '{}',
  allowlist_email_domains text[] not null default '{}',
  -- Well-known test card numbers (4111 1111 1111 1111…) are not findings when true.
  allow_test_cards boolean not null default false,
  -- What an event keeps: METADATA_ONLY (no snippets at all), REDACTED_MATCHES (redacted match
  -- snippets), REDACTED_PROMPT (also the redacted, truncated prompt).
  log_level text not null default 'REDACTED_MATCHES'
    check (log_level in ('METADATA_ONLY', 'REDACTED_MATCHES', 'REDACTED_PROMPT')),
  updated_at timestamptz not null default now()
);

-- orgs.store_prompt_snippets becomes a log level.
insert into org_dlp_settings (org_id, log_level)
select id, case when store_prompt_snippets then 'REDACTED_PROMPT' else 'REDACTED_MATCHES' end from orgs;
alter table orgs drop column store_prompt_snippets;

create trigger custom_detectors_config_change after insert or update or delete on custom_detectors
  for each row execute function notify_config_change();
create trigger org_dlp_settings_config_change after insert or update or delete on org_dlp_settings
  for each row execute function notify_config_change();
