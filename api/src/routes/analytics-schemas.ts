import { Type } from 'typebox';

const list = (values: string) => `^(${values})(,(${values}))*$`;

/** `hours` back from now, or `from`/`to` (ISO-8601); they exclude each other. */
export const rangeFields = (maxHours: number) => ({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Start (inclusive), ISO-8601' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'End (exclusive), ISO-8601' })),
  hours: Type.Optional(
    Type.Integer({ minimum: 1, maximum: maxHours, description: 'Hours back from now; not with from/to' }),
  ),
});

/** The filters of an event view, shared by the list and the exports. */
export const eventFilterFields = {
  ...rangeFields(24 * 3660),
  action: Type.Optional(
    Type.String({ pattern: list('ALLOW|WARN|MASK|BLOCK'), maxLength: 64, description: 'e.g. BLOCK,WARN' }),
  ),
  severity: Type.Optional(
    Type.String({
      pattern: list('NONE|LOW|MEDIUM|HIGH|CRITICAL'),
      maxLength: 64,
      description: 'Risk level(s), e.g. HIGH,CRITICAL',
    }),
  ),
  detector: Type.Optional(
    Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,63}$', description: 'e.g. CREDIT_CARD' }),
  ),
  tool: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  user: Type.Optional(Type.String({ minLength: 1, maxLength: 320, description: 'Employee email' })),
  team: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  q: Type.Optional(
    Type.String({
      minLength: 2,
      maxLength: 100,
      description: 'Case-insensitive text in the redacted prompt or match snippets',
    }),
  ),
};

export const EventView = Type.Object({
  eventId: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  userEmail: Type.String(),
  team: Type.String(),
  tool: Type.String(),
  urlHost: Type.String(),
  action: Type.String(),
  riskLevel: Type.String(),
  matchCount: Type.Integer(),
  detectors: Type.Array(Type.String()),
  promptSnippet: Type.String(),
  reasons: Type.Array(Type.String()),
});

export const errors = {
  400: { $ref: 'ErrorBody#' },
  401: { $ref: 'ErrorBody#' },
} as const;

const Counts = {
  events: Type.Integer(),
  blocked: Type.Integer(),
  warned: Type.Integer(),
};

export const DlpOverviewBody = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  totalFindings: Type.Integer(),
  bySeverity: Type.Object({
    LOW: Type.Integer(),
    MEDIUM: Type.Integer(),
    HIGH: Type.Integer(),
    CRITICAL: Type.Integer(),
  }),
  byDetector: Type.Array(
    Type.Object({
      detector: Type.String(),
      findings: Type.Integer(),
      blocked: Type.Integer(),
      warned: Type.Integer(),
    }),
  ),
  topPatterns: Type.Array(
    Type.Object({
      detector: Type.String(),
      ruleId: Type.String(),
      severity: Type.String(),
      findings: Type.Integer(),
    }),
  ),
  highOrCriticalLast7Days: Type.Object({ findings: Type.Integer(), events: Type.Integer() }),
  ratios: Type.Object({
    ...Counts,
    flagged: Type.Integer(),
    blockRate: Type.Number({ description: 'blocked / events' }),
    warnRate: Type.Number({ description: 'warned / events' }),
  }),
});

export const DlpTrendBody = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  bucket: Type.Union([Type.Literal('hour'), Type.Literal('day')]),
  points: Type.Array(
    Type.Object({ start: Type.String(), severity: Type.String(), findings: Type.Integer() }),
  ),
});

export const BreakdownBody = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  by: Type.String(),
  rows: Type.Array(
    Type.Object({
      key: Type.String(),
      ...Counts,
      flagged: Type.Integer(),
      findings: Type.Integer(),
      users: Type.Integer(),
    }),
  ),
});

export const AiToolsBody = Type.Object({
  tools: Type.Array(
    Type.Object({
      tool: Type.String(),
      category: Type.String(),
      firstSeen: Type.String(),
      lastSeen: Type.String(),
      users: Type.Integer({ description: 'Distinct employees (approximate beyond thousands)' }),
      prompts: Type.Integer(),
      ...Counts,
    }),
  ),
});
