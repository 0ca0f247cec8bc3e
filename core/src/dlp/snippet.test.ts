import { describe, expect, it } from 'vitest';
import { buildSnippet } from './snippet.ts';

describe('buildSnippet', () => {
  it('shows about 20 characters either side with ellipses where cut', () => {
    const text = 'a'.repeat(30) + 'SECRET' + 'b'.repeat(30);
    const out = buildSnippet(text, [{ start: 30, end: 36, detector: 'X' }], 0);
    expect(out).toBe('…' + 'a'.repeat(20) + '[X]' + 'b'.repeat(20) + '…');
  });

  it('widens the window to swallow a neighbour cut by its edge', () => {
    const text = 'NEIGHBOURVALUE' + ' '.repeat(10) + 'SECRET tail';
    const spans = [
      { start: 0, end: 14, detector: 'N' },
      { start: 24, end: 30, detector: 'X' },
    ];
    const out = buildSnippet(text, spans, 1);
    expect(out).toBe('[N] [X] tail');
    expect(out).not.toMatch(/VALUE|NEIGH/);
  });

  it('does not start on the low half of a surrogate pair', () => {
    // The window start (index 1) falls inside the emoji at 0–1.
    const text = '😀' + 'x'.repeat(19) + 'SECRET';
    const out = buildSnippet(text, [{ start: 21, end: 27, detector: 'X' }], 0);
    expect(out).toBe('😀' + 'x'.repeat(19) + '[X]');
  });

  it('returns an empty string for an unknown index', () => {
    expect(buildSnippet('abc', [], 0)).toBe('');
  });
});
