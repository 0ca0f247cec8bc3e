import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  apiQueryParams,
  EMPTY_FILTERS,
  exportUrl,
  filtersFromQuery,
  filtersToApi,
  filtersToQuery,
  type EventFilters,
} from './event-filters.ts';

const full: EventFilters = {
  range: '24h',
  action: ['WARN', 'BLOCK'],
  severity: ['HIGH', 'CRITICAL'],
  detector: 'CREDIT_CARD',
  tool: 'ChatGPT',
  user: 'ana@example.com',
  team: 'Finance',
  q: 'refund',
};

describe('event filters in the page URL', () => {
  it('round-trips every filter through the query string', () => {
    const query = filtersToQuery(full);
    expect(query.toString()).toBe(
      'range=24h&action=WARN%2CBLOCK&severity=HIGH%2CCRITICAL&detector=CREDIT_CARD&tool=ChatGPT&user=ana%40example.com&team=Finance&q=refund',
    );
    expect(filtersFromQuery(query)).toEqual(full);
  });

  it('leaves defaults out, so the plain page has a plain URL', () => {
    expect(filtersToQuery(EMPTY_FILTERS).toString()).toBe('');
    expect(filtersFromQuery(new URLSearchParams())).toEqual(EMPTY_FILTERS);
  });

  it('ignores unknown and malformed values', () => {
    const f = filtersFromQuery(
      new URLSearchParams(
        'range=1y&action=block,NOPE&action=ALLOW&severity=low,LOW&detector=credit card&q=x',
      ),
    );
    expect(f.range).toBe('7d');
    expect(f.action).toEqual(['ALLOW', 'BLOCK']); // canonical order, case-insensitive, repeated params
    expect(f.severity).toEqual(['LOW']);
    expect(f.detector).toBe(''); // not an UPPER_SNAKE type
    expect(f.q).toBe(''); // the API wants at least 2 characters
  });

  it('upper-cases a detector and trims text', () => {
    const f = filtersFromQuery(new URLSearchParams('detector=us_ssn&user=%20ana@example.com%20&range=all'));
    expect(f).toMatchObject({ detector: 'US_SSN', user: 'ana@example.com', range: 'all' });
  });
});

describe('event filters for the API', () => {
  it('turns the range into hours (none for all time) and lists into comma lists', () => {
    expect(filtersToApi(full)).toEqual({
      hours: 24,
      action: ['WARN', 'BLOCK'],
      severity: ['HIGH', 'CRITICAL'],
      detector: 'CREDIT_CARD',
      tool: 'ChatGPT',
      user: 'ana@example.com',
      team: 'Finance',
      q: 'refund',
    });
    expect(filtersToApi({ ...EMPTY_FILTERS, range: 'all' })).toEqual({});
    expect(apiQueryParams({ hours: 1, action: ['BLOCK', 'WARN'], severity: [], tool: '' })).toEqual({
      hours: '1',
      action: 'BLOCK,WARN',
    });
  });

  it('builds the export link of the filtered view', () => {
    expect(exportUrl({ ...EMPTY_FILTERS, action: ['BLOCK'] }, 'csv')).toBe(
      '/v1/admin/events/export?format=csv&hours=168&action=BLOCK',
    );
    expect(exportUrl({ ...EMPTY_FILTERS, range: 'all', q: 'card 45' }, 'ndjson')).toBe(
      '/v1/admin/events/export?format=ndjson&q=card+45',
    );
  });

  it('counts the filters besides the range', () => {
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
    expect(activeFilterCount(full)).toBe(9);
  });
});
