import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom } from '../../random.ts';
import { hasRepeatedRun, looksLikePlaceholder, looksRandom } from './placeholder.ts';

/** The rule as regexes: what the loop in hasRepeatedRun must agree with. */
const reference = (value: string): boolean => /([^0-9])\1{3,}|(\d)\2{5,}/.test(value) || /x{4,}/i.test(value);

describe('placeholder checks', () => {
  it('finds repeated runs exactly where the regex form does', () => {
    const rand = seededRandom(7);
    const alphabet = 'xXaA0119-_';
    for (let n = 0; n < 5000; n++) {
      let value = '';
      for (let i = randomInt(rand, 0, 14); i > 0; i--)
        value += alphabet[randomInt(rand, 0, alphabet.length - 1)];
      expect(hasRepeatedRun(value), JSON.stringify(value)).toBe(reference(value));
    }
  });

  it('tells stand-ins from generated values', () => {
    for (const stand of [
      'YOUR_API_KEY',
      'sk_live_XXXXXXXXXXXX',
      'xXxXxX',
      '----',
      '111111',
      '${TOKEN}',
      'example-key',
    ])
      expect(looksLikePlaceholder(stand), stand).toBe(true);
    for (const real of ['q7Vd9Lx2Rk8mZt4Wp1Nb', 'xoxb-21098111172', '8f3a9c1e7b2d4f60a5e9'])
      expect(looksLikePlaceholder(real), real).toBe(false);
    expect(looksRandom('q7Vd9Lx2Rk8mZt4Wp1Nb')).toBe(true);
    expect(looksRandom('abababababababab')).toBe(false);
  });
});
