import type { Sql } from '../connect.ts';

export const LOG_LEVELS = ['METADATA_ONLY', 'REDACTED_MATCHES', 'REDACTED_PROMPT'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DlpSettings {
  allowlistValues: string[];
  allowlistEmailDomains: string[];
  allowTestCards: boolean;
  logLevel: LogLevel;
}

export const DEFAULT_DLP_SETTINGS: DlpSettings = {
  allowlistValues: [],
  allowlistEmailDomains: [],
  allowTestCards: false,
  logLevel: 'REDACTED_MATCHES',
};

const COLUMNS = `org_id as "orgId", allowlist_values as "allowlistValues",
  allowlist_email_domains as "allowlistEmailDomains", allow_test_cards as "allowTestCards",
  log_level as "logLevel"`;

/** Settings per org; an org without a row has the defaults. */
export async function loadDlpSettings(sql: Sql, orgIds: string[]): Promise<Map<string, DlpSettings>> {
  const rows = await sql<(DlpSettings & { orgId: string })[]>`
    select ${sql.unsafe(COLUMNS)} from org_dlp_settings where org_id = any(${orgIds}::uuid[])`;
  return new Map(rows.map(({ orgId, ...settings }) => [orgId, settings]));
}

export async function getDlpSettings(sql: Sql, orgId: string): Promise<DlpSettings> {
  return (await loadDlpSettings(sql, [orgId])).get(orgId) ?? { ...DEFAULT_DLP_SETTINGS };
}

export async function putDlpSettings(sql: Sql, orgId: string, s: DlpSettings): Promise<DlpSettings> {
  const [row] = await sql<(DlpSettings & { orgId: string })[]>`
    insert into org_dlp_settings (org_id, allowlist_values, allowlist_email_domains, allow_test_cards, log_level)
    values (${orgId}, ${s.allowlistValues}::text[], ${s.allowlistEmailDomains}::text[],
            ${s.allowTestCards}, ${s.logLevel})
    on conflict (org_id) do update set allowlist_values = excluded.allowlist_values,
      allowlist_email_domains = excluded.allowlist_email_domains,
      allow_test_cards = excluded.allow_test_cards, log_level = excluded.log_level, updated_at = now()
    returning ${sql.unsafe(COLUMNS)}`;
  const { orgId: _orgId, ...settings } = row!;
  return settings;
}
