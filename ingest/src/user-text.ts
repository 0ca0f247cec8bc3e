import { redactText, scanText, truncate } from '@kairro/core';
import type { OrgDlp } from './org-dlp.ts';

/**
 * Text an employee typed for Kairro itself (an override's justification, a sighting's detail), as
 * it may be stored: every finding of the org's DLP (built-ins, its own detectors, its allowlist)
 * replaced by `[TYPE]`, then cut to `max` characters. Redacted before the cut, so a secret at the
 * cut is never left half visible.
 */
export function storableUserText(text: string, scan: OrgDlp, max: number): string {
  const { matches } = scanText(text, {
    target: 'prompt',
    detectors: scan.detectors,
    allowlist: scan.allowlist,
  });
  return truncate(matches.length > 0 ? redactText(text, matches) : text, max);
}
