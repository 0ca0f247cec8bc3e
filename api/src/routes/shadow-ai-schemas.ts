import { Type, type Static } from 'typebox';
import { RISK_ATTRIBUTE_NAMES, TOOL_CATEGORIES } from '@kairro/catalog/risk';
import { ACTIONS, SEVERITIES } from '@kairro/core';
import { TOOL_STATUSES } from '../shadow-ai/filter.ts';
import { oneOf } from './policy-schemas.ts';

export const TOOL_ID = '^[a-z0-9][a-z0-9_.-]{0,63}$';
/** A lower-case host name (the catalog's rule for domains). */
export const HOST_PATTERN =
  '^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$';

export const IdParams = Type.Object({ id: Type.String({ pattern: TOOL_ID }) });
export const HostParams = Type.Object({
  host: Type.String({
    pattern: HOST_PATTERN,
    description: 'A lower-case host name, e.g. chat.example-ai.dev',
  }),
});

const urlPatterns = Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
  minItems: 1,
  maxItems: 50,
  description: 'Chrome match patterns: https://chatgpt.com/*, *://*.example.ai/*',
});

/** One attribute as stated: the value plus where it is stated (checked by attributeProblems). */
const AttributeValue = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 32 }),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'An https URL' })),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    regions: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        maxItems: 50,
        description: 'dataResidency only',
      }),
    ),
  },
  { additionalProperties: false },
);
const AttributeMap = (description: string) =>
  Type.Record(Type.String(), AttributeValue, {
    maxProperties: RISK_ATTRIBUTE_NAMES.length,
    description: `${description} Names: ${RISK_ATTRIBUTE_NAMES.join(', ')}.`,
  });

export const OverridesBody = Type.Object(
  { overrides: AttributeMap('Attribute → the org’s value; replaces every earlier override ({} clears).') },
  { additionalProperties: false },
);
export type OverridesBody = Static<typeof OverridesBody>;

export const CustomToolBody = Type.Object(
  {
    id: Type.String({ pattern: TOOL_ID, description: 'Not a catalog id' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    vendor: Type.Optional(Type.String({ maxLength: 100 })),
    category: oneOf(TOOL_CATEGORIES),
    domains: Type.Array(Type.String({ pattern: HOST_PATTERN }), { maxItems: 50 }),
    urlPatterns,
    attributes: Type.Optional(AttributeMap('The attributes known; missing ones are unknown.')),
  },
  { additionalProperties: false },
);
export type CustomToolBody = Static<typeof CustomToolBody>;

export const DecisionBody = Type.Object(
  {
    status: oneOf(['APPROVED', 'UNAPPROVED'] as const),
    applyPolicies: Type.Optional(
      Type.Boolean({ description: 'APPROVED only (default true): false trusts the tool and skips policies' }),
    ),
    action: Type.Optional(oneOf(ACTIONS, 'UNAPPROVED only, and required there')),
    severity: Type.Optional(oneOf(SEVERITIES, 'UNAPPROVED only; default the tool’s risk level')),
    urlPatterns: Type.Optional(urlPatterns),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBody>;

export const ToolStatusSchema = oneOf(
  TOOL_STATUSES,
  "The org's decision: approved, unapproved, or unreviewed (none)",
);

export const ToolsQuery = Type.Object(
  {
    category: Type.Optional(oneOf(TOOL_CATEGORIES)),
    status: Type.Optional(ToolStatusSchema),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Part of the id, name, vendor or a domain' }),
    ),
  },
  { additionalProperties: false },
);
export type ToolsQuery = Static<typeof ToolsQuery>;

const Attribute = Type.Object({
  value: Type.String(),
  source: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  regions: Type.Optional(Type.Array(Type.String())),
});
const AttributeName = oneOf(RISK_ATTRIBUTE_NAMES);

export const ShadowToolView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  vendor: Type.String(),
  category: oneOf(TOOL_CATEGORIES),
  domains: Type.Array(Type.String()),
  urlPatterns: Type.Array(Type.String()),
  origin: oneOf(['catalog', 'custom'] as const),
  attributes: Type.Object(Object.fromEntries(RISK_ATTRIBUTE_NAMES.map((n) => [n, Attribute]))),
  overridden: Type.Array(AttributeName),
  risk: Type.Object({
    score: Type.Integer(),
    level: oneOf(SEVERITIES),
    factors: Type.Array(
      Type.Object({
        attribute: AttributeName,
        value: Type.String(),
        points: Type.Integer(),
        max: Type.Integer(),
        reason: Type.String(),
      }),
    ),
    unknown: Type.Object(
      { attributes: Type.Integer(), points: Type.Integer() },
      { description: 'The attributes whose value is unknown, and their share of the score' },
    ),
  }),
  reviewed: Type.Union([Type.String(), Type.Null()]),
  decision: Type.Union([
    Type.Object({
      status: oneOf(['APPROVED', 'UNAPPROVED'] as const),
      action: oneOf(ACTIONS),
      severity: oneOf(SEVERITIES),
      applyPolicies: Type.Boolean(),
      urlPatterns: Type.Array(Type.String()),
      updatedAt: Type.String(),
    }),
    Type.Null(),
  ]),
});

export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorBody#' }]));
