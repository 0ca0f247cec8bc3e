import { describe, expect, it } from 'vitest';
import { estimateTokens } from './tokens.ts';

describe('estimateTokens', () => {
  it.each([
    ['', 0],
    ['abc', 1],
    ['abcd', 1],
    ['abcde', 2],
    ['x'.repeat(4001), 1001],
  ])('%j → %d', (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });
});
