import { describe, expect, it } from 'vitest';
import { truncate } from './truncate.ts';

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('abc')).toBe('abc');
    expect(truncate('x'.repeat(256))).toBe('x'.repeat(256));
  });

  it('cuts to 256 code units by default, ellipsis included', () => {
    const out = truncate('x'.repeat(300));
    expect(out).toHaveLength(256);
    expect(out.endsWith('x…')).toBe(true);
  });

  it('honours max', () => {
    expect(truncate('abcdefgh', 5)).toBe('abcd…');
    expect(truncate('abcdefgh', 1)).toBe('…');
    expect(truncate('abcdefgh', 0)).toBe('');
  });

  it('never leaves half a surrogate pair', () => {
    // '😀' is two code units; a cut at 4 would fall between them.
    const out = truncate('abc😀def', 5);
    expect(out).toBe('abc…');
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('keeps a whole pair that fits', () => {
    expect(truncate('ab😀def', 5)).toBe('ab😀…');
  });

  it('never splits a pair for any max over emoji-only text', () => {
    const text = '😀👍🏽🎉'.repeat(5);
    for (let max = 1; max < text.length; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.slice(0, -1)).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });
});
