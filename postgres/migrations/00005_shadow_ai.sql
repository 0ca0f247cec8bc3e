-- Shadow AI: the org's view of the AI tool catalog (@kairro/catalog). The catalog itself is data
-- shipped with Kairro; these tables hold only what an org adds to it. An org's decisions about a
-- tool (approve / unapprove) are its ai_tools rows (00004), so they become policy through the same
-- trigger. None of these tables notify: they change no decision the extension or ingest makes.

-- The org's corrections of a tool's risk attributes: { "<attribute>": { value, source?, note?,
-- regions? } }, applied over the catalog's (or the org's custom tool's) attributes. The API checks
-- names and values against the catalog's RISK_ATTRIBUTES. No row = no overrides.
create table shadow_ai_attribute_overrides (
  org_id uuid not null references orgs (id) on delete cascade,
  -- A catalog id, one of the org's custom tool ids, or a decided host.
  tool_id text not null check (tool_id ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  overrides jsonb not null check (jsonb_typeof(overrides) = 'object'),
  updated_at timestamptz not null default now(),
  primary key (org_id, tool_id)
);

-- The org's own AI tools, in the catalog's shape. Their ids never equal a catalog id (the API
-- checks; the catalog ships with Kairro, so the database cannot).
create table shadow_ai_custom_tools (
  org_id uuid not null references orgs (id) on delete cascade,
  id text not null check (id ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  name text not null check (length(name) between 1 and 100),
  vendor text not null default '',
  -- One of the catalog's TOOL_CATEGORIES, checked by the API (the list grows with the catalog).
  category text not null,
  domains text[] not null default '{}',
  -- Chrome-style match patterns, checked by the API (isValidUrlPattern).
  url_patterns text[] not null default '{}',
  -- A partial set of risk attributes, same shape as the overrides; missing ones are unknown.
  attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id)
);

-- Hosts an admin took out of the discovered-tools queue (seen in use, neither in the catalog nor
-- among the org's tools). Undismissing deletes the row.
create table shadow_ai_dismissed_hosts (
  org_id uuid not null references orgs (id) on delete cascade,
  host text not null check (length(host) between 1 and 253),
  dismissed_at timestamptz not null default now(),
  dismissed_by uuid references users (id) on delete set null,
  dismissed_by_email text not null,
  primary key (org_id, host)
);
