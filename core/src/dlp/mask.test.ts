import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom } from '../random.ts';
import { maskText, unmaskText } from './mask.ts';
import { scanText } from './scan.ts';

const CARD = '4539 1488 0343 6467';

describe('maskText / unmaskText', () => {
  it('numbers placeholders per type in text order and reuses them for repeated values', () => {
    const text = `mail a@acme.io and b@acme.io, card ${CARD}, again a@acme.io`;
    const { masked, mapping } = maskText(text, scanText(text).matches);
    expect(masked).toBe('mail [EMAIL_1] and [EMAIL_2], card [CREDIT_CARD_1], again [EMAIL_1]');
    expect(mapping).toEqual({ '[EMAIL_1]': 'a@acme.io', '[EMAIL_2]': 'b@acme.io', '[CREDIT_CARD_1]': CARD });
  });

  it('skips placeholder numbers the text already contains', () => {
    const text = 'template [EMAIL_1] then real x@acme.io';
    const { masked, mapping } = maskText(text, scanText(text).matches);
    expect(masked).toBe('template [EMAIL_1] then real [EMAIL_2]');
    expect(unmaskText(masked, mapping)).toBe(text);
  });

  it('restores placeholders the AI echoes back and leaves unknown ones alone', () => {
    const { mapping } = maskText('x@acme.io', [{ detector: 'EMAIL', start: 0, end: 9 }]);
    expect(unmaskText('Sent to [EMAIL_1]; [EMAIL_7] unknown', mapping)).toBe(
      'Sent to x@acme.io; [EMAIL_7] unknown',
    );
  });

  it('merges overlapping findings into one placeholder', () => {
    const { masked, mapping } = maskText('abcdefgh', [
      { detector: 'A', start: 1, end: 4 },
      { detector: 'B', start: 3, end: 6 },
    ]);
    expect(masked).toBe('a[A_1]gh');
    expect(unmaskText(masked, mapping)).toBe('abcdefgh');
  });

  it('round-trips random texts with findings', () => {
    const rand = seededRandom(4242);
    const parts = ['hello ', ` ${CARD} `, ' a@b.io ', '[EMAIL_1]', ' 123-45-6789 ', '😀', 'ssn', '\n'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let i = randomInt(rand, 0, 12); i > 0; i--) text += parts[randomInt(rand, 0, parts.length - 1)];
      const { masked, mapping } = maskText(text, scanText(text).matches);
      expect(unmaskText(masked, mapping), text).toBe(text);
      for (const value of Object.values(mapping)) expect(masked).not.toContain(value);
    }
  });
});
