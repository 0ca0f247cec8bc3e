import { Type, type Static } from 'typebox';
import { CUSTOM_VALIDATOR_NAMES, MAX_PATTERN_LENGTH } from '@kairro/ingest/custom-detectors';

const Severity = Type.Union([
  Type.Literal('LOW'),
  Type.Literal('MEDIUM'),
  Type.Literal('HIGH'),
  Type.Literal('CRITICAL'),
]);
const Target = Type.Union([Type.Literal('prompt'), Type.Literal('response'), Type.Literal('both')]);

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  type: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,63}$', description: 'UPPER_SNAKE, not a built-in type' }),
  description: Type.String({ maxLength: 500 }),
  pattern: Type.String({ minLength: 1, maxLength: MAX_PATTERN_LENGTH, description: 'RE2 syntax' }),
  caseInsensitive: Type.Boolean(),
  severity: Severity,
  target: Target,
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }),
  validator: Type.Union(CUSTOM_VALIDATOR_NAMES.map((v) => Type.Literal(v))),
  enabled: Type.Boolean(),
};

export const DetectorCreateBody = Type.Object(
  {
    name: fields.name,
    type: fields.type,
    pattern: fields.pattern,
    severity: fields.severity,
    description: Type.Optional(fields.description),
    caseInsensitive: Type.Optional(fields.caseInsensitive),
    target: Type.Optional(fields.target),
    keywords: Type.Optional(fields.keywords),
    validator: Type.Optional(fields.validator),
    enabled: Type.Optional(fields.enabled),
  },
  { additionalProperties: false },
);
export type DetectorCreateBody = Static<typeof DetectorCreateBody>;

export const DetectorPatchBody = Type.Partial(Type.Object(fields), {
  additionalProperties: false,
  minProperties: 1,
});
export type DetectorPatchBody = Static<typeof DetectorPatchBody>;

/** One row of the detectors list: a built-in (read-only) or one of the org's own. */
export const DetectorView = Type.Object({
  source: Type.Union([Type.Literal('builtin'), Type.Literal('custom')]),
  /** The custom detector's id; for a built-in, its rule id. */
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  ruleId: Type.String(),
  severity: Severity,
  target: Target,
  description: Type.String(),
  keywords: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  pattern: Type.Optional(Type.String()),
  caseInsensitive: Type.Optional(Type.Boolean()),
  validator: Type.Optional(Type.String()),
  createdAt: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String()),
});
export type DetectorView = Static<typeof DetectorView>;

export const TestBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 100_000 }),
    target: Type.Optional(Type.Union([Type.Literal('prompt'), Type.Literal('response')])),
  },
  { additionalProperties: false },
);
export type TestBody = Static<typeof TestBody>;

export const TestResponse = Type.Object({
  findings: Type.Array(
    Type.Object({
      detector: Type.String(),
      ruleId: Type.String(),
      source: Type.Union([Type.Literal('builtin'), Type.Literal('custom')]),
      severity: Severity,
      start: Type.Integer({ description: 'UTF-16 code units' }),
      end: Type.Integer({ description: 'exclusive' }),
      confidence: Type.Number(),
      why: Type.Array(Type.String()),
      /** The matched text, all but its first and last 2 characters hidden. */
      redacted: Type.String(),
    }),
  ),
  summary: Type.Object({
    maxSeverity: Type.Union([Severity, Type.Null()]),
    totalMatches: Type.Integer(),
    highOrAbove: Type.Integer(),
    critical: Type.Integer(),
    detectors: Type.Array(Type.String()),
  }),
});
