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
  /** '' when the rule has none. */
  description: string;
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
  /** The team's name or the identity's email; null for ORG. */
  scopeTargetName: string | null;
  isDefault: boolean;
  rules: PolicyRule[];
  createdAt: string;
  updatedAt: string;
}

/** A rule as written: the server assigns ids to new rules. */
export type PolicyRuleInput = Omit<PolicyRule, 'id' | 'description'> & { id?: string; description?: string };

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

/** What an import did (or, on a dry run, would do), matched by policy name. */
export interface ImportResult {
  dryRun: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
  changes: Array<{ name: string; result: 'created' | 'updated' | 'unchanged'; description: string }>;
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
  memberCount: number;
}

export interface Identity {
  id: string;
  email: string;
  teamId: string | null;
  teamName: string | null;
}

// --- audit -----------------------------------------------------------------------------------------

export interface AuditEntry {
  id: string;
  /** ISO 8601. */
  occurredAt: string;
  actorUserId: string | null;
  actorEmail: string;
  entityType: 'policy' | 'tool' | 'team' | 'identity' | string;
  entityId: string;
  entityName: string;
  change: 'create' | 'update' | 'delete' | string;
  description: string;
  /** The entity before (null for a create) and after (null for a delete). */
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  nextCursor: string | null;
}

// --- simulation and explain ------------------------------------------------------------------------

export type ActionCounts = Record<Action, number>;

export interface SimulationTransition {
  from: Action;
  to: Action;
  events: number;
}

/** A rule simulation treats as not firing: what it looks at is never stored with events. */
export interface NotSimulated {
  policyId: string;
  policyName: string;
  /** 1-based. */
  ruleIndex: number;
  reason: string;
}

export interface SimulationResult {
  policy: { id: string; name: string };
  from: string;
  to: string;
  days: number;
  /** Events re-evaluated (all of the range unless truncated). */
  events: number;
  eventsInRange: number;
  groups: number;
  /** Events whose action the policy changes. */
  changed: number;
  transitions: SimulationTransition[];
  /** Top 10 among the changed events. */
  users: Array<{ user: string; events: number }>;
  tools: Array<{ tool: string; events: number }>;
  actions: { before: ActionCounts; after: ActionCounts };
  /** Events for which the policy raises more alerts. */
  alerted: number;
  samples: Array<{
    eventId: string;
    occurredAt: string;
    user: string;
    tool: string;
    before: Action;
    after: Action;
    reasons: string[];
  }>;
  notSimulated: NotSimulated[];
  truncated: boolean;
}

export interface ExplainRequest {
  prompt: string;
  /** The AI's reply, for regex rules that target the completion. */
  completion?: string;
  userEmail: string;
  url: string;
  inputType?: InputType;
  model?: string;
  metadata?: Record<string, string>;
  /** Also treat this saved policy as active. */
  policyId?: string;
  /** An unsaved policy evaluated as if it were active. */
  policy?: PolicyInput;
}

export type TraceStage = 'license' | 'tool' | 'policy' | 'rule' | 'fallback';
export type TraceOutcome = 'matched' | 'not-matched' | 'skipped' | 'decided';

export interface TraceStep {
  stage: TraceStage;
  outcome: TraceOutcome;
  policyId?: string;
  policyName?: string;
  scope?: string;
  ruleId?: string;
  /** 1-based position of the rule in its policy. */
  ruleIndex?: number;
  kind?: string;
  action?: RuleAction;
  detail: string;
}

export interface ExplainFinding {
  detector: string;
  ruleId: string;
  severity: Severity;
  start: number;
  end: number;
  /** Redacted context; never the value. */
  snippet: string;
}

export interface ExplainResult {
  action: Action;
  riskLevel: RiskLevel;
  reasons: string[];
  alerts: Array<{ policyId: string; policyName: string; ruleId: string; severity: Severity; reason: string }>;
  maskedPrompt?: string;
  trace: TraceStep[];
  findings: ExplainFinding[];
  tool: { id: string; name?: string; status?: 'APPROVED' | 'UNAPPROVED'; applyPolicies?: boolean };
  identity: { known: boolean; identityId?: string; teamId?: string; team?: string };
  promptTokens: number;
}
