import type { Severity } from '../policy/types.ts';

export const DETECTOR_TYPES = [
  'CREDIT_CARD',
  'API_KEY_LIKE',
  'US_SSN',
  'EMAIL',
  'IP_ADDRESS',
  'IBAN',
  'PHONE_NUMBER',
  'US_BANK_ROUTING',
  'UK_NHS_NUMBER',
  'IN_AADHAAR',
] as const;
export type DetectorType = (typeof DETECTOR_TYPES)[number];

export type ScanTarget = 'prompt' | 'response';

/**
 * Words near a candidate that change whether it counts. `require` drops a candidate with none of
 * the words in the window before it (for shapes that are only sensitive when labelled);
 * `suppress` drops a candidate that has one (e.g. "version 1.2.3.4" is not an address).
 */
export interface DetectorContext {
  words: readonly string[];
  /** How many UTF-16 code units before the candidate to look at. */
  window: number;
  mode: 'require' | 'suppress';
}

/**
 * Words that move a finding's confidence when one appears within `window` code units before or
 * after it (lower-case; matched as substrings of the lower-cased text). Several hints add up.
 */
export interface ConfidenceHint {
  words: readonly string[];
  /** Added to the confidence when a word is near; negative lowers it. */
  delta: number;
  /** Default 40. */
  window?: number;
}

/**
 * One declarative detection rule. A rule whose pattern has a named group `value` reports only
 * that group (e.g. the secret in `password = "..."`, not the variable name). The group must end
 * the match: only a lookahead may follow it.
 */
export interface Detector {
  /** Rule id, stable across releases; stored with every finding for audits. */
  id: string;
  /** Canonical UPPER_SNAKE type; built-ins use DETECTOR_TYPES, org detectors their own. */
  type: string;
  severity: Severity;
  /** Lower-case prefilter: the rule runs only if one appears in the text. Empty = always run. */
  keywords: readonly string[];
  /** Shared precheck for digit-driven rules: skipped unless some 24 consecutive characters hold this many ASCII digits. */
  minDigits?: number;
  /** Built-in rules; must carry the `g` flag. */
  pattern?: RegExp;
  /** Org rules compiled by a linear-time engine; used instead of `pattern` when present. */
  matcher?: (text: string) => Iterable<readonly [start: number, end: number]>;
  validate?: (value: string) => boolean;
  context?: DetectorContext;
  /** One line for the console's detector list. */
  description?: string;
  /** Default 'both': a scan of the other target skips the rule. */
  target?: 'prompt' | 'response' | 'both';
  /** Base confidence in 0..1 before hints; default 0.9. Findings below 0.5 are dropped. */
  confidence?: number;
  hints?: readonly ConfidenceHint[];
  /** Extra audit lines for a validated value (e.g. the card issuer), used only with `explain`. */
  explain?: (value: string) => readonly string[];
  /** Required for every built-in; run by detectors.test.ts. */
  samples?: { truePositives: string[]; falsePositives: string[] };
}

export interface DlpMatch {
  detector: string;
  ruleId: string;
  severity: Severity;
  /** UTF-16 code-unit index (a JS string index) of the first unit of the finding. */
  start: number;
  /** Exclusive end, same units as start. */
  end: number;
  /** Redacted context; never contains the raw value. */
  snippet: string;
  target: ScanTarget;
  /** 0..1; findings below 0.5 are not reported. */
  confidence: number;
  /** Why the rule fired, for audits and the test bench; only when the scan asked to `explain`. */
  why?: string[];
}

export interface DlpSummary {
  maxSeverity: Severity | null;
  totalMatches: number;
  highOrAbove: number;
  critical: number;
  /** Distinct detector types, sorted. */
  detectors: string[];
}

export interface DlpResult {
  matches: DlpMatch[];
  summary: DlpSummary;
}
