// Pure helpers of a tool's risk explanation and of editing the org's attribute overrides.
import { RISK_ATTRIBUTES, type RiskAttributeName } from '@kairro/catalog/risk';
import type { AttributeOverride, AttributeOverrides, ShadowTool } from '../api/shadow-ai.ts';

/** One line of the explanation: a factor of the score with the fact behind it. */
export interface FactorRow {
  attribute: RiskAttributeName;
  label: string;
  value: string;
  points: number;
  max: number;
  reason: string;
  source: string | null;
  note: string | null;
  overridden: boolean;
}

export function factorRows(tool: ShadowTool): FactorRow[] {
  const overridden = new Set(tool.overridden);
  return tool.risk.factors.map((f) => {
    const fact = tool.attributes[f.attribute];
    return {
      attribute: f.attribute,
      label: RISK_ATTRIBUTES[f.attribute]?.label ?? f.attribute,
      value: f.value,
      points: f.points,
      max: f.max,
      reason: f.reason,
      source: safeLink(fact?.source),
      note: fact?.note ?? null,
      overridden: overridden.has(f.attribute),
    };
  });
}

/** Only http(s) sources become links (the API validates them; a page must not trust that). */
export function safeLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The values the attribute allows, with their description; a country code besides for HQ. */
export function attributeChoices(attribute: RiskAttributeName): Array<{ value: string; label: string }> {
  const values: Record<string, string> = RISK_ATTRIBUTES[attribute].values;
  return Object.entries(values).map(([value, label]) => ({ value, label: `${value}: ${label}` }));
}

export function takesCountryCode(attribute: RiskAttributeName): boolean {
  return 'countryCode' in RISK_ATTRIBUTES[attribute];
}

/** The org's overrides of the tool as they stand: the effective facts of the overridden attributes. */
export function currentOverrides(tool: ShadowTool): AttributeOverrides {
  const out: AttributeOverrides = {};
  for (const name of tool.overridden) {
    const fact = tool.attributes[name] as AttributeOverride | undefined;
    if (!fact) continue;
    out[name] = compact(name, fact);
  }
  return out;
}

/** The tool's overrides with one attribute set to `override`, or no longer overridden (null). */
export function withOverride(
  tool: ShadowTool,
  attribute: RiskAttributeName,
  override: AttributeOverride | null,
): AttributeOverrides {
  const out = currentOverrides(tool);
  if (override === null) delete out[attribute];
  else out[attribute] = compact(attribute, override);
  return out;
}

/** Drops empty optional fields and trims the text ones; a country code is upper-cased. */
function compact(attribute: RiskAttributeName, o: AttributeOverride): AttributeOverride {
  const value = o.value.trim();
  const country = takesCountryCode(attribute) && /^[a-z]{2}$/i.test(value);
  const out: AttributeOverride = { value: country ? value.toUpperCase() : value };
  const source = o.source?.trim();
  const note = o.note?.trim();
  if (source) out.source = source;
  if (note) out.note = note;
  if (o.regions && o.regions.length > 0) out.regions = [...o.regions];
  return out;
}
