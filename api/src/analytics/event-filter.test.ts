import { describe, expect, it } from 'vitest';
import { eventFilterSql } from './event-filter.ts';

const now = new Date('2026-11-22T10:00:00.000Z');

describe('eventFilterSql', () => {
  it('always scopes on the org, and only on it without filters', () => {
    expect(eventFilterSql('org-1', {}, now)).toEqual({
      where: 'org_id = {org:String}',
      params: { org: 'org-1' },
    });
  });

  it('passes every value as a parameter, never in the SQL text', () => {
    const hostile = "x') OR 1=1 --";
    const { where, params } = eventFilterSql(
      'org-1',
      {
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-02T00:00:00Z',
        action: 'BLOCK,WARN,BLOCK',
        severity: 'HIGH',
        detector: 'CREDIT_CARD',
        tool: hostile,
        user: hostile,
        team: hostile,
        q: hostile,
      },
      now,
    );
    expect(where).not.toContain(hostile);
    expect(where).not.toContain('CREDIT_CARD');
    expect(params).toEqual({
      org: 'org-1',
      from: '2026-11-01 00:00:00.000',
      to: '2026-11-02 00:00:00.000',
      actions: ['BLOCK', 'WARN'],
      severities: ['HIGH'],
      detector: 'CREDIT_CARD',
      tool: hostile,
      user: hostile,
      team: hostile,
      q: hostile,
    });
    // The text search looks in the match snippets of the same org and time range.
    expect(where).toMatch(
      /SELECT event_id FROM dlp_matches\s+WHERE org_id = \{org:String\} AND occurred_at >= /,
    );
  });

  it('counts hours back from now', () => {
    expect(eventFilterSql('o', { hours: 3 }, now).params.from).toBe('2026-11-22 07:00:00.000');
  });
});
