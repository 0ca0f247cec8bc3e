export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a decision can be, weakest first: the strongest action of the matched rules wins. */
export const ACTIONS = ['ALLOW', 'WARN', 'MASK', 'BLOCK'] as const;
export type Action = (typeof ACTIONS)[number];

/** A rule may also ALERT: it notifies the SOC without changing the decision's action. */
export const RULE_ACTIONS = [...ACTIONS, 'ALERT'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export const POLICY_TYPES = ['DLP', 'SHADOW_AI', 'ACCESS_CONTROL', 'OTHER'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export const POLICY_STATUSES = ['ACTIVE', 'DRAFT', 'DISABLED'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** Who a policy applies to. Org policies evaluate first, then team, then identity ones. */
export const POLICY_SCOPES = ['ORG', 'TEAM', 'IDENTITY'] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];

export const RULE_KINDS = [
  'DLP',
  'ALLOW_TOOLS',
  'DENY_TOOLS',
  'DOMAIN_RESTRICTION',
  'TOKEN_LIMIT',
  'OTHER',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** How the prompt reached the page: typed, pasted, or read from an uploaded file. */
export const INPUT_TYPES = ['typed', 'paste', 'file'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export const REGEX_TARGETS = ['prompt', 'completion', 'both'] as const;
export type RegexTarget = (typeof REGEX_TARGETS)[number];

export const METADATA_OPS = ['equals', 'notEquals', 'in', 'matches', 'exists'] as const;
export type MetadataOp = (typeof METADATA_OPS)[number];

/** A condition on one contextual metadata value the extension sent (e.g. `department`). */
export interface MetadataCondition {
  key: string;
  op: MetadataOp;
  /** A string for equals/notEquals/matches (a regex), a list for `in`; absent for `exists`. */
  value?: string | string[];
}

/**
 * What a rule looks at. Every criterion that is present must hold (AND); absent ones are ignored.
 * Which criteria a kind needs:
 * - DLP: `minSeverity` and/or `detectors` (findings of those types at least that severe) and/or
 *   `regex`; at least one of them.
 * - ALLOW_TOOLS: `tools`; fires when the tool used is NOT one of them (an allow list).
 * - DENY_TOOLS: `tools`; fires when the tool used is one of them.
 * - DOMAIN_RESTRICTION: `domains`; fires when the page's host is one of them or a subdomain.
 * - TOKEN_LIMIT: `maxTokens`; fires when the prompt is estimated longer than that.
 * - OTHER: fires on the general criteria alone (regex, inputTypes, models, metadata); at least one.
 * `inputTypes`, `models` and `metadata` narrow a rule of any kind.
 */
export interface RuleCriteria {
  minSeverity?: Severity;
  /** Detector types (`CREDIT_CARD`, a custom type…); only findings of these count. */
  detectors?: string[];
  regex?: { pattern: string; caseInsensitive?: boolean; target: RegexTarget };
  /** Tool ids (`chatgpt`, `claude`, an org's own tool id). */
  tools?: string[];
  /** Hosts such as `pastebin.com`; a leading `*.` is allowed and means the same as the bare host. */
  domains?: string[];
  maxTokens?: number;
  inputTypes?: InputType[];
  /** Model names; `*` matches any run of characters; case-insensitive (`gpt-4*`). */
  models?: string[];
  metadata?: MetadataCondition[];
}

export interface PolicyRule {
  id: string;
  kind: RuleKind;
  action: RuleAction;
  /** The risk the rule assigns when it fires; absent = the severity of the findings it matched. */
  severity?: Severity;
  /** Shown in reasons and the console; optional. */
  description?: string;
  criteria: RuleCriteria;
}

export interface Policy {
  id: string;
  name: string;
  description: string;
  type: PolicyType;
  status: PolicyStatus;
  scope: PolicyScope;
  /** The team id (TEAM) or identity id (IDENTITY) the policy applies to; null for ORG. */
  scopeTargetId: string | null;
  /** Lower runs first within a scope level; ties keep input order. */
  priority: number;
  isDefault: boolean;
  rules: PolicyRule[];
}

export interface LicenseState {
  status: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
  /** ISO-8601 instant. */
  expiresAt: string;
}

/**
 * An AI tool the org has classified. Approved tools are where the extension intercepts prompts;
 * unapproved ones are shadow AI and get their configured action without policy evaluation.
 */
export interface ToolConfig {
  /** Stable slug: `chatgpt`, `claude`, or an org's own id. */
  id: string;
  name: string;
  status: 'APPROVED' | 'UNAPPROVED';
  /** Chrome-style match patterns: `https://chatgpt.com/*`, `*://*.example.ai/chat/*`. */
  urlPatterns: string[];
  /** Approved tools only: false trusts the tool (e.g. an enterprise tenant) and skips policies. */
  applyPolicies: boolean;
  /** Unapproved tools only: what happens to a prompt there, and the risk recorded. */
  action: Action;
  severity: Severity;
}
