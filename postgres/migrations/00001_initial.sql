-- Configuration store: orgs and who belongs to them, licenses, extension endpoints, policies,
-- admin sessions. Every tenant-owned row carries org_id; every query filters on it.

create table installation (
  id smallint primary key default 1 check (id = 1),
  -- Signs extension tokens; shared by every ingest process of this installation.
  token_secret text not null,
  created_at timestamptz not null default now()
);

create table orgs (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique,
  -- Privacy by default: redacted prompt snippets are stored only when an org opts in.
  store_prompt_snippets boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table teams (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now(),
  unique (org_id, name)
);

-- Console users (admins, analysts). Email is unique across the installation: it is the login.
create table users (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id) on delete cascade,
  email text not null,
  password_hash text not null,
  role text not null check (role in ('OWNER', 'ADMIN', 'ANALYST', 'VIEWER')),
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table admin_sessions (
  -- sha256 of the cookie token: a leaked table does not yield usable sessions.
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  org_id uuid not null references orgs (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index admin_sessions_expiry on admin_sessions (expires_at);

create table licenses (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id) on delete cascade,
  -- sha256 of the key; only the prefix is kept readable, to tell keys apart.
  key_hash text not null unique,
  key_prefix text not null,
  status text not null check (status in ('ACTIVE', 'EXPIRED', 'REVOKED')),
  seats integer not null default 100,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Employees seen through the extension (not console users).
create table identities (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id) on delete cascade,
  email text not null,
  team_id uuid references teams (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (org_id, email)
);

create table endpoints (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id) on delete cascade,
  -- Stable id the extension generates once per browser profile.
  endpoint_key text not null,
  identity_id uuid not null references identities (id) on delete cascade,
  license_id uuid not null references licenses (id) on delete cascade,
  user_agent text,
  registered_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  unique (org_id, endpoint_key)
);

create table policies (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id) on delete cascade,
  name text not null,
  description text not null default '',
  type text not null check (type in ('DLP', 'SHADOW_AI', 'ACCESS_CONTROL', 'OTHER')),
  status text not null check (status in ('ACTIVE', 'DRAFT', 'DISABLED')),
  scope text not null default 'ORG' check (scope in ('ORG', 'TEAM', 'IDENTITY')),
  scope_target_id uuid,
  priority integer not null default 100,
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name)
);

create table policy_rules (
  id uuid primary key default gen_random_uuid(),
  policy_id uuid not null references policies (id) on delete cascade,
  position integer not null,
  kind text not null check (kind in ('DLP', 'ALLOW_TOOLS', 'DENY_TOOLS', 'DOMAIN_RESTRICTION', 'TOKEN_LIMIT', 'OTHER')),
  action text not null check (action in ('ALLOW', 'BLOCK', 'WARN', 'MASK', 'ALERT')),
  -- Kind-specific criteria (minSeverity, regex, tool lists…), validated by the API before writing.
  criteria jsonb not null default '{}',
  unique (policy_id, position)
);

-- Ingest keeps each org's compiled config in memory; any change to it notifies every process.
create function notify_config_change() returns trigger language plpgsql as $$
declare
  changed_org uuid;
begin
  if tg_table_name = 'policy_rules' then
    select org_id into changed_org from policies where id = coalesce(new.policy_id, old.policy_id);
  elsif tg_table_name = 'orgs' then
    changed_org := coalesce(new.id, old.id);
  else
    changed_org := coalesce(new.org_id, old.org_id);
  end if;
  perform pg_notify('kairro_config', coalesce(changed_org::text, ''));
  return null;
end $$;

create trigger orgs_config_change after insert or update or delete on orgs
  for each row execute function notify_config_change();
create trigger licenses_config_change after insert or update or delete on licenses
  for each row execute function notify_config_change();
create trigger policies_config_change after insert or update or delete on policies
  for each row execute function notify_config_change();
create trigger policy_rules_config_change after insert or update or delete on policy_rules
  for each row execute function notify_config_change();
