import {
  RISK_ATTRIBUTE_NAMES,
  RISK_ATTRIBUTES,
  type RiskAttributeName,
  type RiskAttributes,
} from '@kairro/catalog/risk';
import type { AttributeOverrides } from '@kairro/postgres';

const COUNTRY = /^[A-Z]{2}$/;

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * What is wrong with attributes an org states (overrides, or a custom tool's), one line per
 * problem naming the attribute: `sso.value: "maybe" is not one of no, unknown, yes`. The shape
 * (strings, known fields) is the request schema's job; this checks names and values.
 */
export function attributeProblems(attributes: AttributeOverrides): string[] {
  const problems: string[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!(RISK_ATTRIBUTE_NAMES as string[]).includes(name)) {
      problems.push(`${name}: is not a risk attribute (one of ${RISK_ATTRIBUTE_NAMES.join(', ')})`);
      continue;
    }
    const info = RISK_ATTRIBUTES[name as RiskAttributeName];
    const allowed = Object.keys(info.values);
    const countryOk = 'countryCode' in info && COUNTRY.test(attribute.value);
    if (!allowed.includes(attribute.value) && !countryOk) {
      const expected = allowed.join(', ') + ('countryCode' in info ? ' or an ISO 3166-1 alpha-2 code' : '');
      problems.push(`${name}.value: ${JSON.stringify(attribute.value)} is not one of ${expected}`);
    }
    if (attribute.source !== undefined && !isHttpsUrl(attribute.source))
      problems.push(`${name}.source: must be an https URL`);
    if (attribute.regions !== undefined && name !== 'dataResidency')
      problems.push(`${name}.regions: is only for dataResidency`);
  }
  return problems;
}

/** Every attribute unknown: what a tool nobody documented starts from. */
export function unknownAttributes(): RiskAttributes {
  return Object.fromEntries(
    RISK_ATTRIBUTE_NAMES.map((n) => [n, { value: 'unknown' }]),
  ) as unknown as RiskAttributes;
}

/** `base` (missing attributes unknown) with the org's overrides applied over it. */
export function effectiveAttributes(
  base: Partial<RiskAttributes> | AttributeOverrides,
  overrides: AttributeOverrides,
): RiskAttributes {
  return { ...unknownAttributes(), ...base, ...overrides } as RiskAttributes;
}

/** Which of the overrides name an attribute, in display order. */
export function overriddenNames(overrides: AttributeOverrides): RiskAttributeName[] {
  return RISK_ATTRIBUTE_NAMES.filter((n) => n in overrides);
}
