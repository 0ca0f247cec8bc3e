-- How long the org's events are kept (days). Ingest writes it on every ClickHouse row, whose TTL
-- drops the row when it expires; a change applies to rows written after it.
alter table orgs add column retention_days integer not null default 400
  check (retention_days between 1 and 3650);

-- Ingest stamps each event with the employee's team, so a team change reloads the org's config.
-- (Registration upserts identities without touching team_id, so it does not notify.)
create trigger identities_team_config_change after update of team_id on identities
  for each row execute function notify_config_change();
create trigger teams_config_change after update or delete on teams
  for each row execute function notify_config_change();
