import { Type, type Static } from 'typebox';

const Severity = Type.Union(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].map((s) => Type.Literal(s)));
const RiskLevel = Type.Union(['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].map((s) => Type.Literal(s)));
const Action = Type.Union(['ALLOW', 'WARN', 'MASK', 'BLOCK'].map((s) => Type.Literal(s)));

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

/** Prompts up to 256 KiB; the body limit of the route is set a little above that. */
export const MAX_PROMPT_CHARS = 262_144;

export const EvaluateBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 4096 }),
    prompt: Type.String({ maxLength: MAX_PROMPT_CHARS }),
    inputType: Type.Optional(
      Type.Union([Type.Literal('typed'), Type.Literal('paste'), Type.Literal('file')]),
    ),
    model: Type.Optional(Type.String({ maxLength: 200 })),
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
  dlp: Type.Object({
    maxSeverity: Type.Union([Severity, Type.Null()]),
    totalMatches: Type.Integer(),
    highOrAbove: Type.Integer(),
    critical: Type.Integer(),
    detectors: Type.Array(Type.String()),
    matches: Type.Array(DlpMatchView),
  }),
});
