import { Type, type Static } from 'typebox';
import { ACTIONS, INPUT_TYPES, RULE_ACTIONS, SEVERITIES } from '@kairro/core';
import { PolicyCreateBody } from './policy-schemas.ts';

const oneOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Action = oneOf(ACTIONS);
const Severity = oneOf(SEVERITIES);

export const MAX_EXPLAIN_PROMPT = 262_144;

const days = Type.Integer({
  minimum: 1,
  maximum: 90,
  default: 7,
  description: 'How many days of stored events to re-evaluate, back from now',
});

export const SimulateSavedBody = Type.Object({ days: Type.Optional(days) }, { additionalProperties: false });
export type SimulateSavedBody = Static<typeof SimulateSavedBody>;

export const SimulateUnsavedBody = Type.Object(
  {
    policy: PolicyCreateBody,
    policyId: Type.Optional(
      Type.String({ format: 'uuid', description: 'When `policy` holds unsaved edits of this saved policy' }),
    ),
    days: Type.Optional(days),
  },
  { additionalProperties: false },
);
export type SimulateUnsavedBody = Static<typeof SimulateUnsavedBody>;

const Count = Type.Integer({ minimum: 0 });
const ActionCounts = Type.Object({ ALLOW: Count, WARN: Count, MASK: Count, BLOCK: Count });

export const SimulationResponse = Type.Object({
  policy: Type.Object({ id: Type.String(), name: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  days: Type.Integer(),
  events: Type.Integer({ description: 'Events re-evaluated (all of the range unless truncated)' }),
  eventsInRange: Type.Integer(),
  groups: Type.Integer({
    description: 'Distinct combinations of what a policy looks at, each evaluated twice',
  }),
  changed: Type.Integer({ description: 'Events whose action the policy changes' }),
  transitions: Type.Array(Type.Object({ from: Action, to: Action, events: Count })),
  users: Type.Array(Type.Object({ user: Type.String(), events: Count }), {
    description: 'Top 10 among changed',
  }),
  tools: Type.Array(Type.Object({ tool: Type.String(), events: Count }), {
    description: 'Top 10 among changed',
  }),
  actions: Type.Object({ before: ActionCounts, after: ActionCounts }),
  alerted: Type.Integer({ description: 'Events for which the policy raises more alerts' }),
  samples: Type.Array(
    Type.Object({
      eventId: Type.String(),
      occurredAt: Type.String(),
      user: Type.String(),
      tool: Type.String(),
      before: Action,
      after: Action,
      reasons: Type.Array(Type.String(), { description: 'With the policy active' }),
    }),
  ),
  notSimulated: Type.Array(
    Type.Object({
      policyId: Type.String(),
      policyName: Type.String(),
      ruleIndex: Type.Integer({ minimum: 1 }),
      reason: Type.String(),
    }),
    { description: 'Rules that need data events never store; treated as not firing' },
  ),
  truncated: Type.Boolean({ description: 'More distinct combinations than evaluated (the biggest were)' }),
});

export const ExplainBody = Type.Object(
  {
    prompt: Type.String({ maxLength: MAX_EXPLAIN_PROMPT }),
    userEmail: Type.String({ format: 'email', maxLength: 320 }),
    url: Type.String({ minLength: 1, maxLength: 4096, description: 'The page the prompt is sent from' }),
    // The rest as the extension may send them to ingest (same limits).
    inputType: Type.Optional(oneOf(INPUT_TYPES)),
    model: Type.Optional(Type.String({ maxLength: 200 })),
    completion: Type.Optional(
      Type.String({
        maxLength: MAX_EXPLAIN_PROMPT,
        description: 'The AI’s reply, for regex rules on the completion',
      }),
    ),
    metadata: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-zA-Z0-9_.-]{1,64}$' }), Type.String({ maxLength: 256 }), {
        maxProperties: 20,
        additionalProperties: false,
      }),
    ),
    policyId: Type.Optional(Type.String({ format: 'uuid', description: 'Also treat this policy as active' })),
    policy: Type.Optional(PolicyCreateBody),
  },
  { additionalProperties: false },
);
export type ExplainBody = Static<typeof ExplainBody>;

export const ExplainResponse = Type.Object({
  action: Action,
  riskLevel: Type.Union([Severity, Type.Literal('NONE')]),
  reasons: Type.Array(Type.String()),
  alerts: Type.Array(
    Type.Object({
      policyId: Type.String(),
      policyName: Type.String(),
      ruleId: Type.String(),
      severity: Severity,
      reason: Type.String(),
    }),
  ),
  maskedPrompt: Type.Optional(Type.String()),
  trace: Type.Array(
    Type.Object({
      stage: oneOf(['license', 'tool', 'policy', 'rule', 'fallback'] as const),
      outcome: oneOf(['matched', 'not-matched', 'skipped', 'decided'] as const),
      policyId: Type.Optional(Type.String()),
      policyName: Type.Optional(Type.String()),
      scope: Type.Optional(Type.String()),
      ruleId: Type.Optional(Type.String()),
      ruleIndex: Type.Optional(Type.Integer()),
      kind: Type.Optional(Type.String()),
      action: Type.Optional(oneOf(RULE_ACTIONS)),
      detail: Type.String(),
    }),
  ),
  findings: Type.Array(
    Type.Object({
      detector: Type.String(),
      ruleId: Type.String(),
      severity: Severity,
      start: Type.Integer(),
      end: Type.Integer(),
      snippet: Type.String({ description: 'Redacted context; never the value' }),
    }),
  ),
  tool: Type.Object({
    id: Type.String(),
    name: Type.Optional(Type.String()),
    status: Type.Optional(oneOf(['APPROVED', 'UNAPPROVED'] as const)),
    applyPolicies: Type.Optional(Type.Boolean()),
  }),
  identity: Type.Object({
    known: Type.Boolean(),
    identityId: Type.Optional(Type.String()),
    teamId: Type.Optional(Type.String()),
    team: Type.Optional(Type.String()),
  }),
  promptTokens: Type.Integer(),
});
