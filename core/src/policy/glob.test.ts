import { describe, expect, it } from 'vitest';
import { globMatch } from './glob.ts';

describe('globMatch', () => {
  it.each<[string, string, boolean]>([
    ['gpt-4*', 'gpt-4o', true],
    ['gpt-4*', 'gpt-4', true],
    ['gpt-4*', 'gpt-3.5', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['*-mini', 'gpt-4o-mini', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['a.b', 'axb', false],
  ])('%j ~ %j → %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  // Backtracking globs take exponential time here; a linear matcher answers before the test's timeout.
  it('answers a pathological pattern (no exponential backtracking)', () => {
    expect(globMatch('*a*a*a*a*a*a*a*b', 'a'.repeat(2000))).toBe(false);
  });
});
