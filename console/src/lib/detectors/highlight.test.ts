import { describe, expect, it } from 'vitest';
import type { TestFinding } from '../api/types.ts';
import { highlightSegments, percent, splitList } from './highlight.ts';

const finding = (start: number, end: number): TestFinding => ({
  detector: 'X',
  ruleId: 'x',
  source: 'builtin',
  severity: 'HIGH',
  start,
  end,
  confidence: 0.9,
  why: [],
  redacted: '',
});

describe('highlightSegments', () => {
  it.each([
    ['no findings', 'hello', [], [{ text: 'hello' }]],
    [
      'findings in any order',
      'a EMP-1 b x@y.io',
      [finding(10, 16), finding(2, 7)],
      [{ text: 'a ' }, { text: 'EMP-1', finding: 1 }, { text: ' b ' }, { text: 'x@y.io', finding: 0 }],
    ],
    ['emoji before the span', '😀 EMP-1', [finding(3, 8)], [{ text: '😀 ' }, { text: 'EMP-1', finding: 0 }]],
    [
      'overlaps clipped',
      'abcdef',
      [finding(0, 4), finding(2, 6)],
      [
        { text: 'abcd', finding: 0 },
        { text: 'ef', finding: 1 },
      ],
    ],
    ['out of range ignored', 'abc', [finding(5, 9)], [{ text: 'abc' }]],
  ])('%s', (_name, text, findings, expected) => {
    expect(highlightSegments(text, findings)).toEqual(expected);
  });

  it('formats confidence and splits lists', () => {
    expect(percent(0.934)).toBe('93%');
    expect(splitList('a.com, b.com\n\n c.com ')).toEqual(['a.com', 'b.com', 'c.com']);
  });
});
