import type { DlpMatch } from '../dlp/types.ts';
import { severityRank } from './severity.ts';
import type { RegexTarget, RuleAction } from './types.ts';

const LISTED = 3;
/** Patterns are admin config, so they may be shown, but a huge one would drown the reason. */
const PATTERN_SHOWN = 80;

/** `CREDIT_CARD (CRITICAL) at 12–31, EMAIL (MEDIUM) at 40–57 (+2 more)`: audit text, no values. */
export function describeMatches(matches: readonly DlpMatch[]): string {
  const listed = matches
    .slice(0, LISTED)
    .map(
      (m) =>
        `${m.detector} (${m.severity}) at ${m.start}–${m.end}${m.target === 'response' ? ' in the reply' : ''}`,
    )
    .join(', ');
  const rest = matches.length - LISTED;
  return rest > 0 ? `${listed} (+${rest} more)` : listed;
}

/** Highest severity first so the reason names the findings that drove the decision. */
export const bySeverity = (matches: readonly DlpMatch[]): DlpMatch[] =>
  [...matches].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.start - b.start);

export function describePattern(pattern: string, caseInsensitive?: boolean): string {
  const shown = pattern.length > PATTERN_SHOWN ? `${pattern.slice(0, PATTERN_SHOWN)}…` : pattern;
  return `/${shown}/${caseInsensitive ? 'i' : ''}`;
}

/**
 * `matched pattern /acct-\d+/ at 5–12 (+1 more)`: where, never what, since the matched text is the
 * user's data. `where` names the completion when the match is not in the prompt.
 */
export function describePatternMatch(
  pattern: string,
  caseInsensitive: boolean | undefined,
  first: { start: number; end: number },
  count: number,
  where: Exclude<RegexTarget, 'both'>,
): string {
  const more = count > 1 ? ` (+${count - 1} more)` : '';
  const inCompletion = where === 'completion' ? ' in the completion' : '';
  return `matched pattern ${describePattern(pattern, caseInsensitive)} at ${first.start}–${first.end}${inCompletion}${more}`;
}

/** `Policy "No paste sites" rule 1: pastebin.com is a restricted domain → BLOCK`. */
export function ruleReason(
  policyName: string,
  ruleIndex: number,
  detail: string,
  action: RuleAction,
  description: string | undefined,
): string {
  const note = description ? ` (${description})` : '';
  return `Policy "${policyName}" rule ${ruleIndex}: ${detail} → ${action}${note}`;
}
