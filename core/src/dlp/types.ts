import type { Severity } from '../policy/types.ts';

export const DETECTOR_TYPES = ['CREDIT_CARD', 'API_KEY_LIKE', 'US_SSN', 'EMAIL', 'IP_ADDRESS'] as const;
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
 * One declarative detection rule. A rule whose pattern has a named group `value` reports only
 * that group (e.g. the secret in `password = "..."`, not the variable name).
 */
export interface Detector {
  /** Rule id, stable across releases; stored with every finding for audits. */
  id: string;
  type: DetectorType;
  severity: Severity;
  /** Lower-case prefilter: the pattern runs only if one appears in the text. Empty = always run. */
  keywords: readonly string[];
  /** Must carry the `g` flag. */
  pattern: RegExp;
  validate?: (value: string) => boolean;
  context?: DetectorContext;
  /** Run for every detector by detectors.test.ts. */
  samples: { truePositives: string[]; falsePositives: string[] };
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
