import type { Policy, Severity, Action } from '@kairro/core';
import type { Sql } from '../connect.ts';
import { listCustomDetectors, type CustomDetectorRow } from './custom-detectors.ts';
import { DEFAULT_DLP_SETTINGS, loadDlpSettings, type DlpSettings } from './dlp-settings.ts';
import type { LicenseStatus } from './licenses.ts';

/** Everything ingest needs to decide for one org, loaded in one go and kept in memory. */
export interface OrgConfig {
  orgId: string;
  name: string;
  /** Days the org's events are kept in ClickHouse (the rows' TTL). */
  retentionDays: number;
  /** Team name by lower-case employee email, for identities that have a team. */
  teams: Map<string, string>;
  /** Allowlists, test cards and what events store (defaults when the org never set them). */
  dlp: DlpSettings;
  /** Every custom detector of the org, enabled or not, uncompiled (ingest compiles them). */
  customDetectors: CustomDetectorRow[];
  licenses: Map<string, { status: LicenseStatus; expiresAt: string }>;
  policies: Policy[];
}

/** Loads the config of the given orgs, or of every org when `orgIds` is omitted. */
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
      dlp: { ...DEFAULT_DLP_SETTINGS },
      customDetectors: [],
      licenses: new Map(),
      policies: [],
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

  const members = await sql<{ org_id: string; email: string; team: string }[]>`
    select i.org_id, i.email, t.name as team
    from identities i join teams t on t.id = i.team_id
    where i.org_id = any(${ids}::uuid[])`;
  for (const m of members) configs.get(m.org_id)?.teams.set(m.email.toLowerCase(), m.team);

  const licenses = await sql<{ id: string; org_id: string; status: LicenseStatus; expires_at: Date }[]>`
    select id, org_id, status, expires_at from licenses where org_id = any(${ids}::uuid[])`;
  for (const l of licenses) {
    configs.get(l.org_id)?.licenses.set(l.id, { status: l.status, expiresAt: l.expires_at.toISOString() });
  }

  const rules = await sql<PolicyRuleJoin[]>`
    select p.id, p.org_id, p.name, p.status, p.priority, p.is_default,
           r.id as rule_id, r.action, r.criteria
    from policies p left join policy_rules r on r.policy_id = p.id and r.kind = 'DLP'
    where p.org_id = any(${ids}::uuid[]) and p.type = 'DLP'
    order by p.priority, p.name, r.position`;
  const byId = new Map<string, Policy>();
  for (const row of rules) {
    let policy = byId.get(row.id);
    if (!policy) {
      policy = {
        id: row.id,
        name: row.name,
        type: 'DLP',
        status: row.status,
        priority: row.priority,
        isDefault: row.is_default,
        rules: [],
      };
      byId.set(row.id, policy);
      configs.get(row.org_id)?.policies.push(policy);
    }
    // ALERT and the other rule kinds arrive with the policy engine issue.
    if (row.rule_id && row.action !== 'ALERT' && row.criteria?.minSeverity) {
      policy.rules.push({
        id: row.rule_id,
        kind: 'DLP',
        minSeverity: row.criteria.minSeverity,
        action: row.action as Action,
      });
    }
  }
  return configs;
}

interface PolicyRuleJoin {
  id: string;
  org_id: string;
  name: string;
  status: Policy['status'];
  priority: number;
  is_default: boolean;
  rule_id: string | null;
  action: Action | 'ALERT';
  criteria: { minSeverity?: Severity } | null;
}

/** Calls `onChange(orgId)` whenever an org's config changes in any process (LISTEN/NOTIFY). */
export async function listenForConfigChanges(
  sql: Sql,
  onChange: (orgId: string) => void,
): Promise<{ unlisten(): Promise<void> }> {
  const listener = await sql.listen('kairro_config', (payload) => onChange(payload));
  return { unlisten: () => listener.unlisten() };
}
