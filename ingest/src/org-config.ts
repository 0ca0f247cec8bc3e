import type { OrgConfig } from '@kairro/postgres';
import { compileOrgDlp, type OrgDlp } from './org-dlp.ts';
import { compileOrgPolicy, type OrgPolicy } from './org-policy.ts';

/** An org's config as ingest holds it: the stored config plus its compiled DLP and policies. */
export interface IngestOrgConfig extends OrgConfig {
  scan: OrgDlp;
  policy: OrgPolicy;
}

/**
 * Compiles what the hot path needs, once per config load. A row that cannot compile is reported
 * through `onError` and skipped: one bad detector or rule never stops an org's evaluations.
 */
export function compileOrgConfig(
  config: OrgConfig,
  onError: (err: unknown) => void = () => {},
): IngestOrgConfig {
  return { ...config, scan: compileOrgDlp(config, onError), policy: compileOrgPolicy(config, onError) };
}
