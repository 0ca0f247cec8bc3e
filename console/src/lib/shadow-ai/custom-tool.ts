// The "Add a tool" form's model and its conversion to `POST /v1/admin/shadow-ai/tools`. Lists are
// typed one per line (or comma-separated); the API stays the authority on their validity.
import { RISK_ATTRIBUTE_NAMES, type RiskAttributeName, type ToolCategory } from '@kairro/catalog/risk';
import type { AttributeOverrides, CustomToolInput } from '../api/shadow-ai.ts';
import { splitPatterns } from '../org/tool-form.ts';
import { takesCountryCode } from './explain.ts';

export interface CustomToolForm {
  id: string;
  name: string;
  vendor: string;
  category: ToolCategory;
  /** Host names, one per line or comma-separated. */
  domains: string;
  /** Chrome match patterns, one per line; blank: `https://<domain>/*` for each domain. */
  urlPatterns: string;
  /** Every attribute; `unknown` ones are not sent. */
  attributes: Record<RiskAttributeName, string>;
}

export function emptyCustomToolForm(category: ToolCategory): CustomToolForm {
  return {
    id: '',
    name: '',
    vendor: '',
    category,
    domains: '',
    urlPatterns: '',
    attributes: Object.fromEntries(RISK_ATTRIBUTE_NAMES.map((n) => [n, 'unknown'])) as Record<
      RiskAttributeName,
      string
    >,
  };
}

/** Host names: trimmed, lower-cased, a pasted URL's scheme and path dropped, repeats dropped. */
export function splitDomains(text: string): string[] {
  const hosts = text
    .split(/[\s,]+/)
    .map((d) =>
      d
        .trim()
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .replace(/[/?#].*$/, ''),
    )
    .filter(Boolean);
  return [...new Set(hosts)];
}

/** The patterns as typed, or one `https://<domain>/*` per domain when none are. */
export function patternsFor(urlPatterns: string, domains: readonly string[]): string[] {
  const typed = splitPatterns(urlPatterns);
  return typed.length > 0 ? typed : domains.map((d) => `https://${d}/*`);
}

/** The attributes stated: every one not left `unknown`, a country code upper-cased. */
export function statedAttributes(values: Partial<Record<RiskAttributeName, string>>): AttributeOverrides {
  const out: AttributeOverrides = {};
  for (const name of RISK_ATTRIBUTE_NAMES) {
    const value = values[name]?.trim() ?? '';
    if (!value || value === 'unknown') continue;
    const country = takesCountryCode(name) && /^[a-z]{2}$/i.test(value);
    out[name] = { value: country ? value.toUpperCase() : value };
  }
  return out;
}

export function customToolBody(form: CustomToolForm): CustomToolInput {
  const domains = splitDomains(form.domains);
  const attributes = statedAttributes(form.attributes);
  const vendor = form.vendor.trim();
  return {
    id: form.id.trim(),
    name: form.name.trim(),
    ...(vendor ? { vendor } : {}),
    category: form.category,
    domains,
    urlPatterns: patternsFor(form.urlPatterns, domains),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}
