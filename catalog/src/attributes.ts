import type { RiskAttributeName } from './types.ts';

/** What a form or an explanation needs about one attribute. */
export interface AttributeInfo {
  label: string;
  /** Allowed values (in order, safest last) with a one-line description each. */
  values: Readonly<Record<string, string>>;
  /** True when any ISO 3166-1 alpha-2 country code is allowed besides the listed values. */
  countryCode?: boolean;
}

/** Labels and allowed values per attribute, in display order. Imports nothing: the console uses it. */
export const RISK_ATTRIBUTES = {
  trainsOnUserData: {
    label: 'Trains on user data',
    values: {
      yes: 'Trains on prompts by default, no opt-out',
      'opt-out': 'Trains on prompts by default, users can opt out',
      unknown: 'Not known whether it trains on prompts',
      'opt-in': 'Trains on prompts only if users opt in',
      no: 'Does not train on prompts',
    },
  },
  dataRetention: {
    label: 'Data retention',
    values: {
      indefinite: 'Keeps prompts until the user deletes them, or longer than 90 days',
      unknown: 'Retention period not known',
      limited: 'Keeps prompts for a fixed period of at most 90 days',
      configurable: 'Retention period chosen by the admin',
      none: 'Keeps no prompts (zero retention)',
    },
  },
  enterprisePlan: {
    label: 'Enterprise plan',
    values: {
      no: 'No enterprise plan',
      unknown: 'Not known whether there is an enterprise plan',
      yes: 'Has an enterprise plan',
    },
  },
  sso: {
    label: 'Single sign-on',
    values: {
      no: 'No single sign-on',
      unknown: 'Not known whether it offers single sign-on',
      yes: 'Offers single sign-on',
    },
  },
  soc2: {
    label: 'SOC 2',
    values: {
      no: 'No SOC 2 report',
      unknown: 'Not known whether it has a SOC 2 report',
      yes: 'Has a SOC 2 report',
    },
  },
  iso27001: {
    label: 'ISO 27001',
    values: {
      no: 'Not ISO 27001 certified',
      unknown: 'Not known whether it is ISO 27001 certified',
      yes: 'ISO 27001 certified',
    },
  },
  dataResidency: {
    label: 'Data residency',
    values: {
      fixed: 'Data stored in one region, no choice',
      unknown: 'Data location not known',
      choice: 'Customer chooses where data is stored',
    },
  },
  hqJurisdiction: {
    label: 'HQ jurisdiction',
    values: { unknown: 'Headquarters country not known' },
    countryCode: true,
  },
} as const satisfies Record<RiskAttributeName, AttributeInfo>;

/** The attribute names in display order. */
export const RISK_ATTRIBUTE_NAMES = Object.keys(RISK_ATTRIBUTES) as RiskAttributeName[];

/**
 * EU/EEA member states plus the countries with an EU Commission adequacy decision (the US under
 * the EU–US Data Privacy Framework): a vendor headquartered here scores 0 for jurisdiction.
 */
export const ADEQUATE_JURISDICTIONS: ReadonlySet<string> = new Set([
  // EU
  ...['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE'],
  ...['IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'],
  // EEA
  ...['IS', 'LI', 'NO'],
  // adequacy decisions
  ...['AD', 'AR', 'CA', 'CH', 'FO', 'GB', 'GG', 'IL', 'IM', 'JP', 'JE', 'KR', 'NZ', 'UY', 'US'],
]);
