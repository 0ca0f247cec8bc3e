import { Type, type Static, type TSchema } from 'typebox';
import {
  INPUT_TYPES,
  METADATA_OPS,
  POLICY_SCOPES,
  POLICY_STATUSES,
  POLICY_TYPES,
  REGEX_TARGETS,
  RULE_ACTIONS,
  RULE_KINDS,
  SEVERITIES,
} from '@kairro/core';
import { MAX_PATTERN_LENGTH } from '@kairro/ingest/custom-detectors';

export const MAX_RULES = 50;
export const MAX_PRIORITY = 10_000;

/** A string enum whose static type is the union of the values. */
export const oneOf = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
// An empty list constrains nothing: accepted, and dropped before writing.
const list = <T extends TSchema>(item: T, maxItems: number, description?: string) =>
  Type.Array(item, { maxItems, ...(description ? { description } : {}) });

export const Severity = oneOf(SEVERITIES);

export const RuleCriteria = Type.Object(
  {
    minSeverity: Type.Optional(Severity),
    detectors: Type.Optional(
      list(Type.String({ minLength: 1, maxLength: 64 }), 100, 'Built-in or custom detector types'),
    ),
    regex: Type.Optional(
      Type.Object(
        {
          pattern: Type.String({ minLength: 1, maxLength: MAX_PATTERN_LENGTH, description: 'RE2 syntax' }),
          caseInsensitive: Type.Optional(Type.Boolean()),
          target: oneOf(REGEX_TARGETS),
        },
        { additionalProperties: false },
      ),
    ),
    tools: Type.Optional(list(Type.String({ minLength: 1, maxLength: 64 }), 200, 'Tool ids of the org')),
    domains: Type.Optional(list(Type.String({ minLength: 1, maxLength: 253 }), 200, 'Hosts; `*.` allowed')),
    maxTokens: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
    inputTypes: Type.Optional(list(oneOf(INPUT_TYPES), INPUT_TYPES.length)),
    models: Type.Optional(list(Type.String({ minLength: 1, maxLength: 100 }), 50, '`*` matches any run')),
    metadata: Type.Optional(
      list(
        Type.Object(
          {
            key: Type.String({ minLength: 1, maxLength: 100 }),
            op: oneOf(METADATA_OPS),
            value: Type.Optional(
              Type.Union([
                Type.String({ maxLength: 1000 }),
                Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        20,
      ),
    ),
  },
  { additionalProperties: false },
);

export const RuleBody = Type.Object(
  {
    id: Type.Optional(
      Type.String({ format: 'uuid', description: 'Kept when it is one of the policy’s rules' }),
    ),
    kind: oneOf(RULE_KINDS),
    action: oneOf(RULE_ACTIONS),
    severity: Type.Optional(Severity),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    criteria: RuleCriteria,
  },
  { additionalProperties: false },
);
export type RuleBody = Static<typeof RuleBody>;

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.String({ maxLength: 1000 }),
  type: oneOf(POLICY_TYPES),
  status: oneOf(POLICY_STATUSES, 'Only ACTIVE policies decide'),
  scope: oneOf(POLICY_SCOPES),
  scopeTargetId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
    description: 'The team (TEAM) or identity (IDENTITY) id; null for ORG',
  }),
  priority: Type.Integer({ minimum: 0, maximum: MAX_PRIORITY, description: 'Lower runs first' }),
  rules: Type.Array(RuleBody, { maxItems: MAX_RULES }),
};

export const PolicyCreateBody = Type.Object(
  {
    name: fields.name,
    type: fields.type,
    description: Type.Optional(fields.description),
    status: Type.Optional(fields.status),
    scope: Type.Optional(fields.scope),
    scopeTargetId: Type.Optional(fields.scopeTargetId),
    priority: Type.Optional(fields.priority),
    rules: Type.Optional(fields.rules),
  },
  { additionalProperties: false },
);
export type PolicyCreateBody = Static<typeof PolicyCreateBody>;

export const PolicyPatchBody = Type.Partial(Type.Object(fields), {
  additionalProperties: false,
  minProperties: 1,
});
export type PolicyPatchBody = Static<typeof PolicyPatchBody>;

export const RuleView = Type.Object({
  id: Type.String(),
  kind: oneOf(RULE_KINDS),
  action: oneOf(RULE_ACTIONS),
  severity: Type.Optional(Severity),
  description: Type.String(),
  criteria: RuleCriteria,
});

export const PolicyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  type: fields.type,
  status: fields.status,
  scope: fields.scope,
  scopeTargetId: Type.Union([Type.String(), Type.Null()]),
  scopeTargetName: Type.Union([Type.String(), Type.Null()], {
    description: 'The team’s name or the identity’s email; null for ORG',
  }),
  priority: Type.Integer(),
  isDefault: Type.Boolean({ description: 'Created with the org: can be disabled, not deleted' }),
  rules: Type.Array(RuleView),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type PolicyView = Static<typeof PolicyView>;

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  created: Type.Array(Type.String(), { description: 'Names of the policies created' }),
  updated: Type.Array(Type.String()),
  unchanged: Type.Array(Type.String()),
  changes: Type.Array(
    Type.Object({
      name: Type.String(),
      result: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')]),
      description: Type.String(),
    }),
  ),
});
export type ImportResult = Static<typeof ImportResult>;
