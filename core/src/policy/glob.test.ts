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

  it('stays fast on a pathological pattern', () => {
    const start = performance.now();
    expect(globMatch('*a*a*a*a*a*a*a*b', 'a'.repeat(2000))).toBe(false);
    expect(performance.now() - start).toBeLessThan(200);
  });
});
