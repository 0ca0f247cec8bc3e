import { describe, expect, it } from 'vitest';
import { randomDigits, randomInt, seededRandom } from '../../random.ts';
import { scanText } from '../scan.ts';
import { cardIssuer } from './card-issuer.ts';
import { luhnCheckDigit, luhnValid } from './luhn.ts';

/** A prefix and length each network issues, so generated numbers must pass the issuer check. */
const ISSUED: ReadonlyArray<readonly [string, number]> = [
  ['4', 16],
  ['4', 13],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['2720', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['65', 19],
  ['644', 16],
  ['3528', 16],
  ['3589', 17],
  ['300', 14],
  ['36', 14],
  ['38', 16],
];

function validCard(rand: () => number): string {
  const [prefix, length] = ISSUED[randomInt(rand, 0, ISSUED.length - 1)]!;
  const body = prefix + randomDigits(rand, length - prefix.length - 1);
  return body + luhnCheckDigit(body);
}

/** Changes one digit; a single-digit error is exactly what Luhn is guaranteed to catch. */
function corrupt(card: string, rand: () => number): string {
  const i = randomInt(rand, 1, card.length - 1);
  const d = (Number(card[i]) + randomInt(rand, 1, 9)) % 10;
  return card.slice(0, i) + d + card.slice(i + 1);
}

describe('luhnValid', () => {
  it('accepts well-known test numbers and rejects non-digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('accepts every generated valid number and rejects every single-digit corruption', () => {
    const rand = seededRandom(20261122);
    for (let n = 0; n < 2000; n++) {
      const card = validCard(rand);
      expect(luhnValid(card), card).toBe(true);
      expect(luhnValid(corrupt(card, rand)), card).toBe(false);
    }
  });
});

describe('cardIssuer', () => {
  it.each([
    ['4111111111111111', 'visa'],
    ['2221000000000009', 'mastercard'],
    ['2721000000000004', null],
    ['5611111111111111', null],
    ['378282246310005', 'amex'],
    ['37828224631000', null],
    ['6449000000000000', 'discover'],
    ['6430000000000000', null],
    ['3527000000000000', null],
    ['3056930902590400', 'diners'],
  ])('%s → %s', (digits, issuer) => {
    expect(cardIssuer(digits)).toBe(issuer);
  });
});

/** How cards are printed: Amex 4-6-5, Diners 4-6-4, others in fours. 17–19 digits are written solid. */
function group(card: string): string[] {
  if (card.length === 15 || card.length === 14) return [card.slice(0, 4), card.slice(4, 10), card.slice(10)];
  return card.match(/.{1,4}/g) ?? [];
}

describe('credit-card detector on generated numbers', () => {
  const rand = seededRandom(7);
  const separators = ['', ' ', '-'];

  it('finds every valid card in running text, with exact offsets, in any grouping', () => {
    for (let n = 0; n < 500; n++) {
      const card = validCard(rand);
      const sep = separators[n % 3]!;
      const written = sep && card.length <= 16 ? group(card).join(sep) : card;
      const text = `pay with ${written} today`;
      const { matches } = scanText(text);
      expect(matches, written).toHaveLength(1);
      expect(matches[0]).toMatchObject({ detector: 'CREDIT_CARD', start: 9, end: 9 + written.length });
    }
  });

  it('reports no corrupted card', () => {
    for (let n = 0; n < 500; n++) {
      const bad = corrupt(validCard(rand), rand);
      expect(scanText(`pay with ${bad} today`).matches, bad).toEqual([]);
    }
  });
});
