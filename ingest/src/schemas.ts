import { Type, type Static } from 'typebox';

const SeverityLiterals = [
  Type.Literal('LOW'),
  Type.Literal('MEDIUM'),
  Type.Literal('HIGH'),
  Type.Literal('CRITICAL'),
] as const;
const Severity = Type.Union([...SeverityLiterals]);
const RiskLevel = Type.Union([Type.Literal('NONE'), ...SeverityLiterals]);
const Action = Type.Union([
  Type.Literal('ALLOW'),
  Type.Literal('WARN'),
  Type.Literal('MASK'),
  Type.Literal('BLOCK'),
]);

export const RegisterBody = Type.Object(
  {
    licenseKey: Type.String({ minLength: 8, maxLength: 200 }),
    endpointId: Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' }),
    identity: Type.Object(
      { email: Type.String({ format: 'email', maxLength: 320 }) },
      { additionalProperties: false },
    ),
    userAgent: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const RegisterResponse = Type.Object({
  token: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  orgId: Type.String(),
  endpointId: Type.String(),
  license: Type.Object({ status: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
});

/** Prompts (and completions) up to 256 Ki characters; the route's body limit allows both. */
export const MAX_PROMPT_CHARS = 262_144;
const METADATA_KEY = '^[a-zA-Z0-9_.-]{1,64}$';

export const EvaluateBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 4096 }),
    prompt: Type.String({ maxLength: MAX_PROMPT_CHARS }),
    inputType: Type.Optional(
      Type.Union([Type.Literal('typed'), Type.Literal('paste'), Type.Literal('file')]),
    ),
    model: Type.Optional(Type.String({ maxLength: 200 })),
    completion: Type.Optional(
      Type.String({
        maxLength: MAX_PROMPT_CHARS,
        description: "The AI's reply, for rules whose regex targets the completion; never stored.",
      }),
    ),
    metadata: Type.Optional(
      Type.Record(Type.String({ pattern: METADATA_KEY }), Type.String({ maxLength: 256 }), {
        maxProperties: 20,
        additionalProperties: false,
        description: 'Context for metadata conditions (e.g. department); string values only.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type EvaluateBody = Static<typeof EvaluateBody>;

export const DlpMatchView = Type.Object({
  detector: Type.String(),
  ruleId: Type.String(),
  severity: Severity,
  start: Type.Integer(),
  end: Type.Integer(),
  snippet: Type.String(),
});

export const EvaluateResponse = Type.Object({
  eventId: Type.String(),
  action: Action,
  riskLevel: RiskLevel,
  reasons: Type.Array(Type.String()),
  /** How many ALERT rules fired: the SOC was notified (their reasons are among `reasons`). */
  alerts: Type.Integer({ minimum: 0 }),
  /** MASK only: the prompt to send instead, each masked finding replaced by a placeholder. */
  maskedPrompt: Type.Optional(Type.String()),
  /** MASK only: placeholder → original, to restore the originals in the AI's reply. Never stored. */
  maskMapping: Type.Optional(Type.Record(Type.String(), Type.String())),
  dlp: Type.Object({
    maxSeverity: Type.Union([Severity, Type.Null()]),
    totalMatches: Type.Integer(),
    highOrAbove: Type.Integer(),
    critical: Type.Integer(),
    detectors: Type.Array(Type.String()),
    matches: Type.Array(DlpMatchView),
  }),
});
export type EvaluateResponse = Static<typeof EvaluateResponse>;

const Tool = { id: Type.String(), name: Type.String(), urlPatterns: Type.Array(Type.String()) };
/** Where the extension intercepts; policies and their rules stay on the server. */
export const ExtensionPolicyResponse = Type.Object({
  version: Type.String({
    description:
      'Changes whenever the tool lists, the watched custom tools or the built-in catalog do; also the ETag.',
  }),
  approvedTools: Type.Array(Type.Object({ ...Tool, applyPolicies: Type.Boolean() })),
  unapprovedTools: Type.Array(Type.Object({ ...Tool, action: Action, severity: Severity })),
  watchedTools: Type.Array(Type.Object(Tool), {
    description:
      'Catalog tools, then the custom tools of the org, in neither list (by id): the extension reports visits there (signal `catalog`) and does nothing else, the org has not decided on them.',
  }),
});

/** Sightings per request; the extension batches what it saw since its last flush. */
export const MAX_SIGHTINGS = 50;
export const MAX_SIGHTING_URL_CHARS = 2048;
export const MAX_SIGHTING_DETAIL_CHARS = 200;

export const Sighting = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9._:-]+$',
      description: 'Client-made id (a UUID): the same on every retry, so a sighting counts once.',
    }),
    url: Type.String({
      minLength: 1,
      maxLength: MAX_SIGHTING_URL_CHARS,
      description: 'The page, http(s); query and fragment are dropped by the server too.',
    }),
    signal: Type.Union([Type.Literal('catalog'), Type.Literal('heuristic')], {
      description:
        "catalog: the page matched the org's tool lists or the watch list; heuristic: it looked like an AI tool.",
    }),
    appliedAction: Type.Union([Type.Literal('ALLOW'), Type.Literal('WARN'), Type.Literal('BLOCK')], {
      description: 'What the extension did on the page.',
    }),
    occurredAt: Type.String({
      format: 'date-time',
      description: 'At most 7 days old; a future time is taken as now.',
    }),
    detail: Type.Optional(
      Type.String({ maxLength: MAX_SIGHTING_DETAIL_CHARS, description: 'Stored DLP-redacted.' }),
    ),
  },
  { additionalProperties: false },
);
export type Sighting = Static<typeof Sighting>;

export const ShadowEventBody = Type.Object(
  { events: Type.Array(Sighting, { minItems: 1, maxItems: MAX_SIGHTINGS }) },
  { additionalProperties: false },
);
export type ShadowEventBody = Static<typeof ShadowEventBody>;

export const ShadowEventResponse = Type.Object({
  accepted: Type.Integer({ minimum: 0, description: 'Distinct sightings recorded (repeated ids once).' }),
});

export const MAX_JUSTIFICATION_CHARS = 1000;

export const WarnOverrideBody = Type.Object(
  {
    eventId: Type.String({ format: 'uuid', description: 'The eventId evaluate answered with WARN.' }),
    justification: Type.String({
      minLength: 1,
      maxLength: MAX_JUSTIFICATION_CHARS,
      pattern: '\\S',
      description: 'Why the employee sent anyway; stored DLP-redacted, cut to 500 characters.',
    }),
  },
  { additionalProperties: false },
);
export type WarnOverrideBody = Static<typeof WarnOverrideBody>;

export const WarnOverrideResponse = Type.Object({ recorded: Type.Literal(true) });
