import type { Severity } from '@kairro/core';
import { ADEQUATE_JURISDICTIONS, RISK_ATTRIBUTES, RISK_ATTRIBUTE_NAMES } from './attributes.ts';
import type { RiskAttributeName, RiskAttributes } from './types.ts';

/** One attribute's share of the score and why. */
export interface RiskFactor {
  attribute: RiskAttributeName;
  value: string;
  points: number;
  max: number;
  /** e.g. "Trains on prompts by default, users can opt out: +20 of 30". */
  reason: string;
}

export interface RiskScore {
  /** 0–100, higher is riskier: the sum of the factors' points. */
  score: number;
  level: Severity;
  factors: RiskFactor[];
  /**
   * How much of the score is missing documentation: the attributes whose value is `unknown` and
   * their points. A tool nobody documented scores 64 on unknowns alone.
   */
  unknown: { attributes: number; points: number };
}

/** Points by value per attribute (docs/shadow-ai.md); hqJurisdiction is scored by the adequacy list. */
export const RISK_POINTS = {
  trainsOnUserData: { yes: 30, 'opt-out': 20, unknown: 20, 'opt-in': 5, no: 0 },
  dataRetention: { indefinite: 15, unknown: 10, limited: 5, configurable: 2, none: 0 },
  enterprisePlan: { no: 10, unknown: 5, yes: 0 },
  sso: { no: 10, unknown: 5, yes: 0 },
  soc2: { no: 10, unknown: 6, yes: 0 },
  iso27001: { no: 5, unknown: 3, yes: 0 },
  dataResidency: { fixed: 5, unknown: 5, choice: 0 },
  hqJurisdiction: { outside: 15, unknown: 10, adequate: 0 },
} as const satisfies Record<RiskAttributeName, Record<string, number>>;

/** Lower bounds of the levels: 0–19 LOW, 20–44 MEDIUM, 45–69 HIGH, 70+ CRITICAL. */
const LEVELS: ReadonlyArray<[number, Severity]> = [
  [70, 'CRITICAL'],
  [45, 'HIGH'],
  [20, 'MEDIUM'],
  [0, 'LOW'],
];

export function riskLevel(score: number): Severity {
  return LEVELS.find(([min]) => score >= min)?.[1] ?? 'LOW';
}

function jurisdictionFactor(value: string): Omit<RiskFactor, 'attribute' | 'max'> {
  const points = RISK_POINTS.hqJurisdiction;
  if (value === 'unknown')
    return { value, points: points.unknown, reason: RISK_ATTRIBUTES.hqJurisdiction.values.unknown };
  const adequate = ADEQUATE_JURISDICTIONS.has(value);
  return {
    value,
    points: adequate ? points.adequate : points.outside,
    reason: `Headquartered in ${value}, ${adequate ? 'on' : 'outside'} the EU adequacy list`,
  };
}

function factor(attribute: RiskAttributeName, value: string): RiskFactor {
  const table: Record<string, number> = RISK_POINTS[attribute];
  const max = Math.max(...Object.values(table));
  const part =
    attribute === 'hqJurisdiction'
      ? jurisdictionFactor(value)
      : {
          value,
          // A value the validator would reject counts as unknown.
          points: table[value] ?? table.unknown ?? max,
          reason:
            (RISK_ATTRIBUTES[attribute].values as Record<string, string>)[value] ??
            `Unrecognised value "${value}"`,
        };
  return { attribute, max, ...part, reason: `${part.reason}: +${part.points} of ${max}` };
}

/** The tool's risk score, its level and one explained factor per attribute. */
export function riskScore(attributes: RiskAttributes): RiskScore {
  const factors = RISK_ATTRIBUTE_NAMES.map((name) => factor(name, attributes[name].value));
  const score = factors.reduce((sum, f) => sum + f.points, 0);
  const unknown = factors.filter((f) => f.value === 'unknown');
  return {
    score,
    level: riskLevel(score),
    factors,
    unknown: { attributes: unknown.length, points: unknown.reduce((sum, f) => sum + f.points, 0) },
  };
}
