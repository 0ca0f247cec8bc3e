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

export { compilePolicies, regExpCompiler, MAX_PATTERN_MATCHES, type PatternError } from './policy/compile.ts';
export {
  type Alert,
  type CompiledPolicy,
  type CompiledRule,
  type Decision,
  type EvaluationContext,
  type EvaluationInput,
  type PatternCompiler,
  type TextPattern,
  type TraceStep,
} from './policy/decision.ts';
export { defaultTools } from './policy/default-tools.ts';
export { defaultPolicies, PASTE_SITES, type NewPolicy, type NewPolicyRule } from './policy/defaults.ts';
export { evaluate, fallbackAction } from './policy/evaluate.ts';
export { licenseProblem } from './policy/license.ts';
export { PATTERN_LABEL } from './policy/masking.ts';
export { ruleMatchesContext, type RuleFired, type RuleMiss, type RuleOutcome } from './policy/rule-match.ts';
export {
  higherSeverity,
  maxSeverity,
  severityAtLeast,
  severityRank,
  strongerAction,
} from './policy/severity.ts';
export { estimateTokens } from './policy/tokens.ts';
export { extensionToolLists, isValidUrlPattern, matchesUrlPattern, resolveTool } from './policy/tools.ts';
export type { ExtensionToolLists } from './policy/tools.ts';
export {
  ACTIONS,
  INPUT_TYPES,
  METADATA_OPS,
  POLICY_SCOPES,
  POLICY_STATUSES,
  POLICY_TYPES,
  REGEX_TARGETS,
  RULE_ACTIONS,
  RULE_KINDS,
  SEVERITIES,
  type Action,
  type InputType,
  type LicenseState,
  type MetadataCondition,
  type MetadataOp,
  type Policy,
  type PolicyRule,
  type PolicyScope,
  type PolicyStatus,
  type PolicyType,
  type RegexTarget,
  type RuleAction,
  type RuleCriteria,
  type RuleKind,
  type Severity,
  type ToolConfig,
} from './policy/types.ts';

export { seededRandom, randomDigits, randomInt } from './random.ts';

export * from './records/types.ts';
