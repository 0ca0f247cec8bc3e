import type { DlpResult } from '../dlp/types.ts';
import type { RiskLevel } from '../records/types.ts';
import type {
  Action,
  InputType,
  LicenseState,
  Policy,
  PolicyRule,
  PolicyScope,
  RuleAction,
  RuleKind,
  Severity,
  ToolConfig,
} from './types.ts';

/** A compiled regex: every match of the pattern in a text, as code-unit ranges, in order. */
export interface TextPattern {
  /** Callers must not mutate the answer: an implementation may return the same array again. */
  matches(text: string): ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

/**
 * Turns a rule's pattern into a TextPattern. Services pass an RE2-backed compiler (linear time on
 * admin-written patterns); tests may use native RegExp. Throws on a pattern it cannot compile.
 */
export type PatternCompiler = (pattern: string, caseInsensitive: boolean) => TextPattern;

export interface CompiledRule extends PolicyRule {
  /** Present when `criteria.regex` is. */
  pattern?: TextPattern;
  /** The compiled value of each `matches` metadata condition, at the condition's index. */
  metadataPatterns?: Array<TextPattern | undefined>;
  /** Why one of the rule's patterns did not compile: the rule is kept (the org still loads) but
   * never fires, and the trace says so. */
  patternError?: string;
}

/** A policy ready to evaluate: regexes compiled once per config load, never per request. */
export interface CompiledPolicy extends Omit<Policy, 'rules'> {
  rules: CompiledRule[];
}

/** Who asked, where, and what: everything a rule can match besides the DLP findings. */
export interface EvaluationContext {
  prompt: string;
  /** The AI's reply, when the caller scans one (regex rules targeting `completion`). */
  completion?: string;
  /** The page's URL host, lower-case. */
  host: string;
  /** The tool id: the classified tool's id, else the host. */
  toolId: string;
  /** The org's classification of the tool, or null when the org never classified it. */
  tool: ToolConfig | null;
  identity: { email: string; identityId: string | null; teamId: string | null };
  inputType?: InputType;
  model?: string;
  /** Estimated prompt length in tokens (`estimateTokens`). */
  promptTokens: number;
  /** Extra context the extension sent (string values), for metadata conditions. */
  metadata: Record<string, string>;
}

export interface EvaluationInput {
  now: Date;
  license: LicenseState;
  /** Every policy of the org, any status and scope; evaluate picks the ones that apply. */
  policies: readonly CompiledPolicy[];
  dlp: DlpResult;
  context: EvaluationContext;
  /** Build the full rule trace (the console's explain view); off on the hot path. */
  trace?: boolean;
}

/** One step of the evaluation as a person reads it in the explain view. */
export interface TraceStep {
  stage: 'license' | 'tool' | 'policy' | 'rule' | 'fallback';
  outcome: 'matched' | 'not-matched' | 'skipped' | 'decided';
  policyId?: string;
  policyName?: string;
  scope?: PolicyScope;
  ruleId?: string;
  /** 1-based position of the rule in its policy. */
  ruleIndex?: number;
  kind?: RuleKind;
  action?: RuleAction;
  /** Why: "CREDIT_CARD (CRITICAL) at 12–31 ≥ HIGH", "tool chatgpt is not in [claude]"… */
  detail: string;
}

export interface Alert {
  policyId: string;
  policyName: string;
  ruleId: string;
  severity: Severity;
  /** The rule's reason, as in `reasons`. */
  reason: string;
}

export interface Decision {
  action: Action;
  riskLevel: RiskLevel;
  /** Human-readable, one per license problem, tool short-circuit, matched rule or fallback; never
   * a raw value. */
  reasons: string[];
  /** Policies with at least one matching rule, in evaluation order. */
  policyIds: string[];
  /** ALERT rules that fired: a notification each, the action unchanged. */
  alerts: Alert[];
  /** MASK only: the prompt with the masked findings replaced by placeholders. */
  maskedPrompt?: string;
  /** MASK only: placeholder → original, so the extension can restore them in the reply. Never
   * stored or logged. */
  maskMapping?: Record<string, string>;
  /** When `trace` was asked for: every step, in order. */
  trace?: TraceStep[];
}
