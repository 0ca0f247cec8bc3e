// Shapes of the policy admin API (`/v1/admin/policies`, tools, teams, identities, audit), mirroring
// the server's TypeBox schemas (api/src/routes/policy-schemas.ts, policy-lab-schemas.ts).
import type { Action, RiskLevel, Severity } from './types.ts';

export const RULE_ACTIONS = ['ALLOW', 'WARN', 'MASK', 'BLOCK', 'ALERT'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export const POLICY_TYPES = ['DLP', 'SHADOW_AI', 'ACCESS_CONTROL', 'OTHER'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export const POLICY_STATUSES = ['ACTIVE', 'DRAFT', 'DISABLED'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

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

export const INPUT_TYPES = ['typed', 'paste', 'file'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export const REGEX_TARGETS = ['prompt', 'completion', 'both'] as const;
export type RegexTarget = (typeof REGEX_TARGETS)[number];

export const METADATA_OPS = ['equals', 'notEquals', 'in', 'matches', 'exists'] as const;
export type MetadataOp = (typeof METADATA_OPS)[number];

export interface MetadataCondition {
  key: string;
  op: MetadataOp;
  /** A string for equals/notEquals/matches, a list for `in`; absent for `exists`. */
  value?: string | string[];
}

export interface RuleCriteria {
  minSeverity?: Severity;
  detectors?: string[];
  regex?: { pattern: string; caseInsensitive?: boolean; target: RegexTarget };
  tools?: string[];
  domains?: string[];
  maxTokens?: number;
  inputTypes?: InputType[];
  models?: string[];
  metadata?: MetadataCondition[];
}

export interface PolicyRule {
  id: string;
  kind: RuleKind;
  action: RuleAction;
  severity?: Severity;
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
  /** Team id (TEAM) or identity id (IDENTITY); null for ORG. */
  scopeTargetId: string | null;
  priority: number;
  isDefault: boolean;
  rules: PolicyRule[];
  createdAt?: string;
  updatedAt?: string;
}

/** A rule as written: the server assigns ids to new rules. */
export type PolicyRuleInput = Omit<PolicyRule, 'id'> & { id?: string };

/** `POST /v1/admin/policies`, and the fields a `PATCH` may carry. */
export interface PolicyInput {
  name: string;
  description?: string;
  type: PolicyType;
  status: PolicyStatus;
  scope: PolicyScope;
  scopeTargetId: string | null;
  priority: number;
  rules: PolicyRuleInput[];
}

export interface ImportResult {
  created: string[];
  updated: string[];
  dryRun?: boolean;
}

// --- tools, teams, identities ----------------------------------------------------------------------

export interface Tool {
  id: string;
  name: string;
  status: 'APPROVED' | 'UNAPPROVED';
  urlPatterns: string[];
  applyPolicies: boolean;
  action: Action;
  severity: Severity;
}

export interface Team {
  id: string;
  name: string;
}

export interface Identity {
  id: string;
  email: string;
  teamId: string | null;
}

// --- audit -----------------------------------------------------------------------------------------

export interface AuditEntry {
  id: string;
  /** Who made the change: a console user's email. */
  actor: string;
  /** ISO 8601. */
  at: string;
  action?: string;
  entityType?: string;
  entityId?: string | null;
  description: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

// --- simulation and explain ------------------------------------------------------------------------

export interface SimulationTransition {
  from: Action;
  to: Action;
  events: number;
}

export interface SimulationResult {
  days: number;
  eventsConsidered: number;
  changed: number;
  transitions: SimulationTransition[];
  topUsers: Array<{ user: string; events: number }>;
  topTools: Array<{ tool: string; events: number }>;
  samples: Array<{
    eventId?: string;
    user?: string;
    tool?: string;
    from: Action;
    to: Action;
    reasons: string[];
  }>;
  /** What the simulation could not replay (criteria the stored events cannot answer). */
  notSimulated: string[];
}

export interface ExplainRequest {
  prompt: string;
  userEmail: string;
  url: string;
  inputType?: InputType;
  model?: string;
  /** An unsaved policy evaluated as if it were active. */
  draft?: PolicyInput;
}

export interface TraceStep {
  stage: 'license' | 'tool' | 'policy' | 'rule' | 'fallback';
  outcome: 'matched' | 'not-matched' | 'skipped' | 'decided';
  policyId?: string;
  policyName?: string;
  scope?: PolicyScope;
  ruleId?: string;
  ruleIndex?: number;
  kind?: RuleKind;
  action?: RuleAction;
  detail: string;
}

export interface ExplainFinding {
  detector: string;
  ruleId?: string;
  severity: Severity;
  start?: number;
  end?: number;
  redacted?: string;
}

export interface ExplainResult {
  action: Action;
  riskLevel: RiskLevel;
  reasons: string[];
  alerts: Array<{ policyId: string; policyName: string; ruleId: string; severity: Severity; reason: string }>;
  maskedPrompt?: string;
  findings: ExplainFinding[];
  trace: TraceStep[];
}
