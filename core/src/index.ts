/**
 * @kairro/core: pure domain logic shared by every service. No I/O, no clock (pass `now`), no
 * runtime dependencies, so the same code runs in the ingest API, the pipelines and the extension.
 */
export { BUILTIN_DETECTORS, SEED_DETECTORS } from './dlp/detectors/index.ts';
export { maskText, unmaskText, type MaskSpan } from './dlp/mask.ts';
export { TEST_CARD_NUMBERS } from './dlp/test-cards.ts';
export type { Allowlist } from './dlp/allowlist.ts';
export { redactText } from './dlp/redact.ts';
export { scanText, type ScanOptions } from './dlp/scan.ts';
export { truncate } from './dlp/truncate.ts';
export { luhnValid } from './dlp/checks/luhn.ts';
export { ssnValid } from './dlp/checks/ssn.ts';
export { shannonEntropy } from './dlp/checks/entropy.ts';
export { ibanValid } from './dlp/checks/iban.ts';
export { abaValid } from './dlp/checks/aba.ts';
export { aadhaarValid, nhsValid, verhoeffValid } from './dlp/checks/national-ids.ts';
export {
  DETECTOR_TYPES,
  type Detector,
  type ConfidenceHint,
  type DetectorContext,
  type DetectorType,
  type DlpMatch,
  type DlpResult,
  type DlpSummary,
  type ScanTarget,
} from './dlp/types.ts';

export { defaultPolicies, type NewPolicy } from './policy/defaults.ts';
export { evaluate, type Decision, type EvaluationInput } from './policy/evaluate.ts';
export { licenseProblem } from './policy/license.ts';
export { maxSeverity, severityAtLeast, severityRank, strongerAction } from './policy/severity.ts';
export {
  ACTIONS,
  SEVERITIES,
  type Action,
  type DlpPolicyRule,
  type LicenseState,
  type Policy,
  type PolicyStatus,
  type Severity,
} from './policy/types.ts';

export { seededRandom, randomDigits, randomInt } from './random.ts';

export * from './records/types.ts';
