-- Policy management: the full rule model, the org's AI tools, the defaults an org was given, and
-- the audit log of configuration changes.

-- A rule's own risk (absent = the severity of the findings it matched) and a note for people.
alter table policy_rules
  add column severity text check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  add column description text not null default '';

-- scope_target_id is a team (TEAM) or an identity (IDENTITY) of the same org; the API checks that
-- (it cannot be a foreign key to two tables). The database keeps the shape honest.
alter table policies
  add constraint policies_scope_target check ((scope = 'ORG') = (scope_target_id is null)),
  add constraint policies_priority check (priority between 0 and 10000);

-- The org's classification of AI tools: approved ones are where the extension intercepts prompts,
-- unapproved ones (shadow AI) get `action` without policy evaluation.
create table ai_tools (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id) on delete cascade,
  -- The stable id rules and the extension use (`chatgpt`, `claude`, an org's own slug).
  tool_key text not null check (tool_key ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  name text not null check (length(name) between 1 and 100),
  status text not null check (status in ('APPROVED', 'UNAPPROVED')),
  -- Chrome-style match patterns, checked by the API (isValidUrlPattern).
  url_patterns text[] not null default '{}',
  apply_policies boolean not null default true,
  action text not null default 'BLOCK' check (action in ('ALLOW', 'WARN', 'MASK', 'BLOCK')),
  severity text not null default 'MEDIUM' check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, tool_key)
);
create trigger ai_tools_config_change after insert or update or delete on ai_tools
  for each row execute function notify_config_change();

-- Which built-in defaults (policies by name, tools by key) an org has been given, once each: an
-- admin may rename a default policy or delete a default tool without it coming back at the next
-- start.
create table org_defaults (
  org_id uuid not null references orgs (id) on delete cascade,
  kind text not null check (kind in ('policy', 'tool')),
  key text not null,
  applied_at timestamptz not null default now(),
  primary key (org_id, kind, key)
);

-- Who changed what, when, before → after. Written in the same transaction as the change.
create table audit_log (
  id bigint generated always as identity primary key,
  org_id uuid not null references orgs (id) on delete cascade,
  actor_user_id uuid references users (id) on delete set null,
  actor_email text not null,
  occurred_at timestamptz not null default now(),
  entity_type text not null check (entity_type in ('policy', 'tool', 'team', 'identity')),
  -- A uuid, or the tool key for tools.
  entity_id text not null,
  entity_name text not null,
  change text not null check (change in ('create', 'update', 'delete', 'import')),
  description text not null,
  before jsonb,
  after jsonb
);
create index audit_log_org_time on audit_log (org_id, occurred_at desc, id desc);
create index audit_log_org_entity on audit_log (org_id, entity_type, entity_id, occurred_at desc);

-- Identities: registration inserts them without a notification (a new employee has no team and no
-- policy can target them yet); a team change notifies (00003). Teams: a new team changes nothing
-- until a policy or an identity refers to it, and those writes notify; renames and deletes notify
-- (00003).
