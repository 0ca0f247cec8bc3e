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

export interface EventsQuery {
  limit?: number;
  cursor?: string | null;
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
