// Shapes of the admin API (`/v1/admin/*`). Errors are always `{ error: { code, message } }`.

export const ACTIONS = ['ALLOW', 'WARN', 'MASK', 'BLOCK'] as const;
export type Action = (typeof ACTIONS)[number];

export const RISK_LEVELS = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface User {
  id: string;
  email: string;
  role: string;
  orgId: string;
  orgName: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface UserResponse {
  user: User;
}

export interface EventView {
  eventId: string;
  /** ISO 8601 timestamp. */
  occurredAt: string;
  userEmail: string;
  /** Empty when the employee has no team. */
  team?: string;
  tool: string;
  urlHost: string;
  action: Action;
  riskLevel: RiskLevel;
  matchCount: number;
  detectors: string[];
  promptSnippet: string;
  reasons: string[];
}

export interface EventsPage {
  /** Newest first. */
  events: EventView[];
  /** Opaque; `null` when there are no older events. */
  nextCursor: string | null;
}

/** Filters of an event view (`GET /v1/admin/events` and its exports). */
export interface EventsFilterQuery {
  /** Hours back from now; unset = all time. */
  hours?: number;
  action?: Action[];
  /** The event's risk level. */
  severity?: RiskLevel[];
  detector?: string;
  tool?: string;
  user?: string;
  team?: string;
  /** 2–100 characters. */
  q?: string;
}

export interface EventsQuery extends EventsFilterQuery {
  limit?: number;
  cursor?: string | null;
}

export type ExportFormat = 'csv' | 'ndjson';

export interface DlpMatch {
  detector: string;
  ruleId: string;
  severity: Severity;
  target: string;
  /** UTF-16 span in the prompt, end exclusive. */
  start: number;
  end: number;
  /** Redacted: every finding in the window replaced by `[TYPE]`. */
  snippet: string;
}

/** "Send anyway" on a WARN: the employee's reason (DLP-redacted, ≤ 500 characters), when, who. */
export interface WarnOverride {
  justification: string;
  occurredAt: string;
  userEmail: string;
}

/** `GET /v1/admin/events/:id/dlp`: the event's findings and its WARN override, if any. */
export interface EventDrillDown {
  matches: DlpMatch[];
  override: WarnOverride | null;
}

export interface TimeBucket {
  /** ISO 8601 start of the bucket. */
  start: string;
  action: Action;
  count: number;
}

/** Sparse: a bucket/action pair that is missing means zero events. */
export interface EventsOverTime {
  bucketSeconds: number;
  buckets: TimeBucket[];
}

export interface Summary {
  total: number;
  byAction: Record<Action, number>;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

// --- detectors & DLP settings ---------------------------------------------------------------------

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const DETECTOR_TARGETS = ['prompt', 'response', 'both'] as const;
export type DetectorTarget = (typeof DETECTOR_TARGETS)[number];
export const VALIDATORS = ['none', 'luhn', 'us_ssn', 'iban', 'aba_routing', 'uk_nhs', 'in_aadhaar'] as const;

export interface Detector {
  source: 'builtin' | 'custom';
  /** A custom detector's id; a built-in's rule id. */
  id: string;
  name: string;
  type: string;
  ruleId: string;
  severity: Severity;
  target: DetectorTarget;
  description: string;
  keywords: string[];
  enabled: boolean;
  /** Custom detectors only. */
  pattern?: string;
  caseInsensitive?: boolean;
  validator?: string;
}

export interface DetectorInput {
  name: string;
  type: string;
  description: string;
  pattern: string;
  caseInsensitive: boolean;
  severity: Severity;
  target: DetectorTarget;
  keywords: string[];
  validator: string;
  enabled: boolean;
}

export interface TestFinding {
  detector: string;
  ruleId: string;
  source: 'builtin' | 'custom';
  severity: Severity;
  /** UTF-16 code units (JS string indices), end exclusive. */
  start: number;
  end: number;
  confidence: number;
  why: string[];
  /** The matched text with all but its first and last two characters hidden. */
  redacted: string;
}

export interface TestResult {
  findings: TestFinding[];
  summary: { maxSeverity: Severity | null; totalMatches: number; detectors: string[] };
}

export const LOG_LEVELS = ['METADATA_ONLY', 'REDACTED_MATCHES', 'REDACTED_PROMPT'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DlpSettings {
  allowlistValues: string[];
  allowlistEmailDomains: string[];
  allowTestCards: boolean;
  logLevel: LogLevel;
}

// --- DLP analytics and breakdowns -----------------------------------------------------------------

/** Analytics answers are widened to whole hours; `from`/`to` say which. */
interface HourRange {
  from: string;
  to: string;
}

export interface DlpOverview extends HourRange {
  totalFindings: number;
  bySeverity: Record<Severity, number>;
  byDetector: Array<{ detector: string; findings: number; blocked: number; warned: number }>;
  topPatterns: Array<{ detector: string; ruleId: string; severity: Severity; findings: number }>;
  highOrCriticalLast7Days: { findings: number; events: number };
  ratios: {
    events: number;
    blocked: number;
    warned: number;
    flagged: number;
    /** blocked / events */
    blockRate: number;
    /** warned / events */
    warnRate: number;
  };
}

export type TrendBucket = 'hour' | 'day';

/** Sparse: a bucket/severity pair that is missing means zero findings. */
export interface DlpTrend extends HourRange {
  bucket: TrendBucket;
  points: Array<{ start: string; severity: Severity; findings: number }>;
}

export type BreakdownBy = 'user' | 'tool' | 'team';
export type BreakdownSort = 'events' | 'blocked' | 'warned' | 'findings';

export interface BreakdownRow {
  key: string;
  events: number;
  blocked: number;
  warned: number;
  flagged: number;
  findings: number;
  users: number;
}

export interface Breakdown extends HourRange {
  by: BreakdownBy;
  rows: BreakdownRow[];
}
