import type { Policy, ToolConfig } from '@kairro/core';
import type { Sql } from '../connect.ts';
import { selectTools } from './ai-tools.ts';
import { listCustomDetectors, type CustomDetectorRow } from './custom-detectors.ts';
import { DEFAULT_DLP_SETTINGS, loadDlpSettings, type DlpSettings } from './dlp-settings.ts';
import type { LicenseStatus } from './licenses.ts';
import { selectPolicies } from './policies.ts';
import { selectCustomToolPatterns, type CustomToolPatterns } from './shadow-ai.ts';

/** Everything ingest needs to decide for one org, loaded in one go and kept in memory. */
export interface OrgConfig {
  orgId: string;
  name: string;
  /** Days the org's events are kept in ClickHouse (the rows' TTL). */
  retentionDays: number;
  /** Team name by lower-case employee email, for identities that have a team. */
  teams: Map<string, string>;
  /** Every identity by lower-case email: its id and team id (for TEAM and IDENTITY policies). */
  identities: Map<string, { identityId: string; teamId: string | null }>;
  /** Allowlists, test cards and what events store (defaults when the org never set them). */
  dlp: DlpSettings;
  /** Every custom detector of the org, enabled or not, uncompiled (ingest compiles them). */
  customDetectors: CustomDetectorRow[];
  licenses: Map<string, { status: LicenseStatus; expiresAt: string }>;
  /** Every policy of the org (any status, scope, type) with its rules in order, by priority then name. */
  policies: Policy[];
  /** The org's AI tools: approved first, then unapproved, each by name. */
  tools: ToolConfig[];
  /**
   * The org's custom AI tools (Shadow AI), decided on or not, by name: plain data, like the rest,
   * since the config is also sent to the decision threads.
   */
  customTools: CustomToolPatterns[];
}

/**
 * Loads the config of the given orgs, or of every org when `orgIds` is omitted: eight queries
 * whatever the number of orgs (it runs on every config change).
 */
export async function loadOrgConfigs(sql: Sql, orgIds?: string[]): Promise<Map<string, OrgConfig>> {
  const only = orgIds ?? null;
  const orgs = await sql<{ id: string; name: string; retention_days: number }[]>`
    select id, name, retention_days from orgs
    where ${only}::uuid[] is null or id = any(${only}::uuid[])`;
  const configs = new Map<string, OrgConfig>();
  for (const org of orgs) {
    configs.set(org.id, {
      orgId: org.id,
      name: org.name,
      retentionDays: org.retention_days,
      teams: new Map(),
      identities: new Map(),
      dlp: { ...DEFAULT_DLP_SETTINGS },
      customDetectors: [],
      licenses: new Map(),
      policies: [],
      tools: [],
      customTools: [],
    });
  }
  const ids = [...configs.keys()];
  if (ids.length === 0) return configs;

  for (const [orgId, settings] of await loadDlpSettings(sql, ids)) {
    const config = configs.get(orgId);
    if (config) config.dlp = settings;
  }
  for (const detector of await listCustomDetectors(sql, ids)) {
    configs.get(detector.orgId)?.customDetectors.push(detector);
  }

  const identities = await sql<
    { id: string; org_id: string; email: string; team_id: string | null; team: string | null }[]
  >`
    select i.id, i.org_id, i.email, i.team_id, t.name as team
    from identities i left join teams t on t.id = i.team_id
    where i.org_id = any(${ids}::uuid[])`;
  for (const i of identities) {
    const config = configs.get(i.org_id);
    const email = i.email.toLowerCase();
    config?.identities.set(email, { identityId: i.id, teamId: i.team_id });
    if (i.team) config?.teams.set(email, i.team);
  }

  const licenses = await sql<{ id: string; org_id: string; status: LicenseStatus; expires_at: Date }[]>`
    select id, org_id, status, expires_at from licenses where org_id = any(${ids}::uuid[])`;
  for (const l of licenses) {
    configs.get(l.org_id)?.licenses.set(l.id, { status: l.status, expiresAt: l.expires_at.toISOString() });
  }

  for (const { orgId, createdAt: _c, updatedAt: _u, ...policy } of await selectPolicies(sql, ids)) {
    configs.get(orgId)?.policies.push(policy);
  }
  for (const { orgId, createdAt: _c, updatedAt: _u, ...tool } of await selectTools(sql, ids)) {
    configs.get(orgId)?.tools.push(tool);
  }
  for (const { orgId, ...tool } of await selectCustomToolPatterns(sql, ids)) {
    configs.get(orgId)?.customTools.push(tool);
  }
  return configs;
}

/** Calls `onChange(orgId)` whenever an org's config changes in any process (LISTEN/NOTIFY). */
export async function listenForConfigChanges(
  sql: Sql,
  onChange: (orgId: string) => void,
): Promise<{ unlisten(): Promise<void> }> {
  const listener = await sql.listen('kairro_config', (payload) => onChange(payload));
  return { unlisten: () => listener.unlisten() };
}
