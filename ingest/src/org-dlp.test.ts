import { BUILTIN_DETECTORS, scanText } from '@kairro/core';
import { DEFAULT_DLP_SETTINGS, type CustomDetectorRow, type OrgConfig } from '@kairro/postgres';
import { describe, expect, it } from 'vitest';
import { compileOrgDlp } from './org-dlp.ts';

const row = (over: Partial<CustomDetectorRow>): CustomDetectorRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  orgId: 'org',
  name: 'Employee id',
  type: 'EMPLOYEE_ID',
  description: '',
  pattern: 'EMP-\\d{6}',
  caseInsensitive: false,
  severity: 'HIGH',
  target: 'prompt',
  keywords: [],
  validator: 'none',
  enabled: true,
  createdBy: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});
const config = (over: Partial<OrgConfig>): OrgConfig => ({
  orgId: 'org',
  name: 'Org',
  retentionDays: 400,
  teams: new Map(),
  identities: new Map(),
  dlp: { ...DEFAULT_DLP_SETTINGS },
  customDetectors: [],
  licenses: new Map(),
  policies: [],
  tools: [],
  customTools: [],
  ...over,
});

describe('compileOrgDlp', () => {
  it('keeps the built-ins as they are when the org has no detector of its own', () => {
    expect(compileOrgDlp(config({})).detectors).toBe(BUILTIN_DETECTORS);
  });

  it('adds enabled detectors, skips disabled ones and reports (not throws) a row it cannot compile', () => {
    const errors: unknown[] = [];
    const dlp = compileOrgDlp(
      config({
        customDetectors: [
          row({}),
          row({ id: '2', name: 'off', type: 'OFF', enabled: false }),
          row({ id: '3', name: 'bad', type: 'BAD', pattern: 'a*' }),
        ],
      }),
      (err) => errors.push(err),
    );
    expect(dlp.detectors.slice(BUILTIN_DETECTORS.length).map((d) => d.type)).toEqual(['EMPLOYEE_ID']);
    expect(String(errors[0])).toMatch(/bad.*empty string/);
  });

  it('passes the allowlist and the log level through', () => {
    const dlp = compileOrgDlp(
      config({
        dlp: {
          allowlistValues: ['EMP-000001'],
          allowlistEmailDomains: ['acme.com'],
          allowTestCards: false,
          logLevel: 'METADATA_ONLY',
        },
        customDetectors: [row({})],
      }),
    );
    expect(dlp.logLevel).toBe('METADATA_ONLY');
    const found = scanText('EMP-000001 EMP-000002 ana@eu.acme.com bob@other.org', dlp).matches;
    expect(found.map((m) => m.detector)).toEqual(['EMPLOYEE_ID', 'EMAIL']);
  });

  it('allowlists the published test card numbers only when the org allows them', () => {
    const text = 'card 4111 1111 1111 1111';
    const off = compileOrgDlp(config({}));
    const on = compileOrgDlp(config({ dlp: { ...DEFAULT_DLP_SETTINGS, allowTestCards: true } }));
    expect(scanText(text, off).matches.map((m) => m.detector)).toEqual(['CREDIT_CARD']);
    expect(scanText(text, on).matches).toEqual([]);
  });
});
