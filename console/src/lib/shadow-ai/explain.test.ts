import { riskScore, type RiskAttributes } from '@kairro/catalog/risk';
import { describe, expect, it } from 'vitest';
import type { ShadowTool } from '../api/shadow-ai.ts';
import {
  attributeChoices,
  currentOverrides,
  factorRows,
  safeLink,
  takesCountryCode,
  withOverride,
} from './explain.ts';

const attributes: RiskAttributes = {
  trainsOnUserData: {
    value: 'opt-out',
    source: 'https://vendor.example/privacy',
    note: 'Opt out in settings.',
  },
  dataRetention: { value: 'unknown' },
  enterprisePlan: { value: 'yes', source: 'javascript:alert(1)' },
  sso: { value: 'no', source: 'https://vendor.example/sso', note: 'Our contract has none.' },
  soc2: { value: 'unknown' },
  iso27001: { value: 'unknown' },
  dataResidency: { value: 'choice', regions: ['EU', 'US'], source: 'https://vendor.example/regions' },
  hqJurisdiction: { value: 'US', source: 'https://vendor.example/about' },
};

const tool: ShadowTool = {
  id: 'vendor-chat',
  name: 'Vendor Chat',
  vendor: 'Vendor',
  category: 'chat',
  domains: ['chat.vendor.example'],
  urlPatterns: ['https://chat.vendor.example/*'],
  origin: 'catalog',
  attributes,
  overridden: ['sso', 'dataResidency'],
  risk: riskScore(attributes),
  reviewed: '2026-11-22',
  decision: null,
};

describe('factorRows', () => {
  const rows = factorRows(tool);

  it('has one row per factor with its label, points, reason and source', () => {
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({
      attribute: 'trainsOnUserData',
      label: 'Trains on user data',
      value: 'opt-out',
      points: 20,
      max: 30,
      reason: 'Trains on prompts by default, users can opt out: +20 of 30',
      source: 'https://vendor.example/privacy',
      note: 'Opt out in settings.',
      overridden: false,
    });
  });

  it('marks the attributes the org overrode', () => {
    expect(rows.filter((r) => r.overridden).map((r) => r.attribute)).toEqual(['sso', 'dataResidency']);
  });

  it('links only http(s) sources', () => {
    expect(rows.find((r) => r.attribute === 'enterprisePlan')?.source).toBeNull();
    expect(safeLink('http://a.example/x')).toBe('http://a.example/x');
    expect(safeLink('not a url')).toBeNull();
    expect(safeLink(undefined)).toBeNull();
  });
});

describe('attribute choices', () => {
  it('lists the allowed values with their description', () => {
    expect(attributeChoices('sso').map((c) => c.value)).toEqual(['no', 'unknown', 'yes']);
    expect(attributeChoices('sso')[0]?.label).toBe('no: No single sign-on');
  });

  it('takes a country code only for the HQ', () => {
    expect(takesCountryCode('hqJurisdiction')).toBe(true);
    expect(takesCountryCode('soc2')).toBe(false);
  });
});

describe('overrides', () => {
  it('reads the current overrides from the effective attributes', () => {
    expect(currentOverrides(tool)).toEqual({
      sso: { value: 'no', source: 'https://vendor.example/sso', note: 'Our contract has none.' },
      dataResidency: { value: 'choice', regions: ['EU', 'US'], source: 'https://vendor.example/regions' },
    });
  });

  it('sets one attribute, keeping the others and dropping blank fields', () => {
    expect(withOverride(tool, 'soc2', { value: 'yes', source: '  ', note: ' Report seen 2026. ' })).toEqual({
      ...currentOverrides(tool),
      soc2: { value: 'yes', note: 'Report seen 2026.' },
    });
  });

  it('upper-cases a country code, and only that', () => {
    expect(withOverride(tool, 'hqJurisdiction', { value: 'de' }).hqJurisdiction).toEqual({ value: 'DE' });
    expect(withOverride(tool, 'sso', { value: 'no' }).sso).toEqual({ value: 'no' });
  });

  it('clears one attribute', () => {
    expect(withOverride(tool, 'sso', null)).toEqual({
      dataResidency: currentOverrides(tool).dataResidency,
    });
  });
});
