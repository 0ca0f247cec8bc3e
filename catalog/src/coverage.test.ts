import { describe, expect, it } from 'vitest';
import { catalogCoverage } from './coverage.ts';
import { attributes, validEntry } from './fixtures/entries.ts';
import type { RiskAttributes } from './types.ts';

const unknownEverywhere = Object.fromEntries(
  Object.keys(attributes()).map((name) => [name, { value: 'unknown' }]),
) as unknown as RiskAttributes;

describe('catalogCoverage', () => {
  it('counts known and third-party values per attribute, and the tools nobody documented', () => {
    const coverage = catalogCoverage([
      validEntry({ id: 'documented' }),
      validEntry({
        id: 'partly',
        attributes: {
          ...unknownEverywhere,
          sso: { value: 'yes', source: 'https://news.example/sso', note: 'Third-party: a news article.' },
          soc2: { value: 'yes', source: 'https://partly.example/trust', note: 'Trust centre.' },
        },
      }),
      validEntry({ id: 'blank', attributes: unknownEverywhere }),
    ]);
    expect(coverage).toMatchObject({
      tools: 3,
      values: 24,
      known: 10,
      thirdParty: 1,
      undocumented: ['blank'],
    });
    expect(coverage.byAttribute.sso).toEqual({ known: 2, thirdParty: 1 });
    expect(coverage.byAttribute.soc2).toEqual({ known: 2, thirdParty: 0 });
    expect(coverage.byAttribute.dataRetention).toEqual({ known: 1, thirdParty: 0 });
  });
});
