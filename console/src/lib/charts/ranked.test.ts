import { describe, expect, it } from 'vitest';
import type { BreakdownRow } from '../api/types.ts';
import { atRisk, detectorRows, outcomeRows } from './ranked.ts';

const row = (key: string, events: number, blocked: number, warned: number): BreakdownRow => ({
  key,
  events,
  blocked,
  warned,
  flagged: blocked + warned,
  findings: 0,
  users: 1,
});

describe('ranked bar rows', () => {
  it('splits each key’s events into blocked, warned and the rest', () => {
    expect(outcomeRows([row('ana@x.com', 10, 3, 2), row('', 1, 0, 0)])).toEqual([
      { label: 'ana@x.com', blocked: 3, warned: 2, other: 5 },
      { label: '(unknown)', blocked: 0, warned: 0, other: 1 },
    ]);
    expect(outcomeRows([row('a', 1, 1, 0), row('b', 1, 1, 0)], 1)).toHaveLength(1);
  });

  it('keeps only keys with something blocked or warned as at risk', () => {
    expect(atRisk([row('a', 5, 0, 0), row('b', 5, 0, 1)]).map((r) => r.key)).toEqual(['b']);
  });

  it('ranks detectors by findings, then by name', () => {
    const rows = detectorRows(
      [
        { detector: 'EMAIL', findings: 2, blocked: 0, warned: 2 },
        { detector: 'CREDIT_CARD', findings: 5, blocked: 5, warned: 0 },
        { detector: 'API_KEY_LIKE', findings: 2, blocked: 2, warned: 0 },
      ],
      2,
    );
    expect(rows).toEqual([
      { label: 'CREDIT_CARD', findings: 5 },
      { label: 'API_KEY_LIKE', findings: 2 },
    ]);
  });
});
