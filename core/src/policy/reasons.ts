import type { DlpMatch } from '../dlp/types.ts';

const LISTED = 3;

/** `CREDIT_CARD (CRITICAL) at 12–31, EMAIL (MEDIUM) at 40–57 (+2 more)`: audit text, no values. */
export function describeMatches(matches: readonly DlpMatch[]): string {
  const listed = matches
    .slice(0, LISTED)
    .map((m) => `${m.detector} (${m.severity}) at ${m.start}–${m.end}`)
    .join(', ');
  const rest = matches.length - LISTED;
  return rest > 0 ? `${listed} (+${rest} more)` : listed;
}
