import { BUILTIN_DETECTORS, TEST_CARD_NUMBERS, type Detector, type ScanOptions } from '@kairro/core';
import type { DlpSettings, OrgConfig } from '@kairro/postgres';
import { compileCustomDetector } from './custom-detectors.ts';

/** What a scan of one org needs, compiled once per config load (never per evaluation). */
export interface OrgDlp {
  /** Built-ins then the org's enabled detectors; core skips rules of the other target. */
  detectors: readonly Detector[];
  allowlist: NonNullable<ScanOptions['allowlist']>;
  logLevel: DlpSettings['logLevel'];
}

/**
 * Compiles the org's enabled custom detectors with RE2. A row the API would refuse (written around
 * it, or by an older version) is skipped and reported, so one bad row cannot stop an org's scans.
 */
export function compileOrgDlp(config: OrgConfig, onError: (err: unknown) => void = () => {}): OrgDlp {
  const custom: Detector[] = [];
  for (const row of config.customDetectors) {
    if (!row.enabled) continue;
    try {
      custom.push(compileCustomDetector(row));
    } catch (err) {
      onError(err);
    }
  }
  const { allowlistValues, allowlistEmailDomains, allowTestCards, logLevel } = config.dlp;
  return {
    detectors: custom.length > 0 ? [...BUILTIN_DETECTORS, ...custom] : BUILTIN_DETECTORS,
    allowlist: {
      values: allowTestCards ? [...allowlistValues, ...TEST_CARD_NUMBERS] : allowlistValues,
      emailDomains: allowlistEmailDomains,
    },
    logLevel,
  };
}
