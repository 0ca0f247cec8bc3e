import { describe, expect, it } from 'vitest';
import { randomDigits, randomInt, seededRandom } from '../../random.ts';
import { scanText } from '../scan.ts';
import { abaValid } from './aba.ts';
import { ibanCountryLength, ibanMod97, ibanValid } from './iban.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Independent restatement of ISO 7064 mod 97-10 with BigInt (no digit folding). */
function mod97BigInt(iban: string): number {
  const moved = iban.slice(4) + iban.slice(0, 4);
  const digits = [...moved].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  return Number(BigInt(digits) % 97n);
}

function randomIban(rand: () => number): string {
  const countries = ['DE', 'GB', 'FR', 'NL', 'ES', 'IT', 'BE', 'CH', 'PL', 'SE', 'NO', 'IE'];
  const country = countries[randomInt(rand, 0, countries.length - 1)]!;
  const length = ibanCountryLength(country)!;
  let bban = '';
  // Letters where real formats have them: the bank code at the front (GB WEST, NL ABNA).
  for (let i = 0; i < length - 4; i++)
    bban += i < 4 && rand() < 0.3 ? LETTERS[randomInt(rand, 0, 25)] : randomDigits(rand, 1);
  const check = 98 - mod97BigInt(`${country}00${bban}`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

describe('IBAN mod-97', () => {
  it('agrees with a BigInt restatement and accepts every generated IBAN', () => {
    const rand = seededRandom(13616);
    for (let n = 0; n < 2000; n++) {
      const iban = randomIban(rand);
      expect(ibanMod97(iban), iban).toBe(mod97BigInt(iban));
      expect(ibanValid(iban), iban).toBe(true);
    }
  });

  it('rejects every single-digit substitution and adjacent digit transposition', () => {
    const rand = seededRandom(97);
    for (let n = 0; n < 1000; n++) {
      const iban = randomIban(rand);
      const i = randomInt(rand, 4, iban.length - 1);
      const digit = String((Number(iban[i]) + randomInt(rand, 1, 9)) % 10);
      if (/\d/.test(iban[i]!))
        expect(ibanValid(iban.slice(0, i) + digit + iban.slice(i + 1)), iban).toBe(false);
      const j = randomInt(rand, 2, iban.length - 2);
      const swapped = iban.slice(0, j) + iban[j + 1] + iban[j] + iban.slice(j + 2);
      // Mod 97 guarantees this for digits; a letter counts as two digits and may slip through.
      if (/^\d\d$/.test(iban.slice(j, j + 2)) && iban[j] !== iban[j + 1])
        expect(ibanValid(swapped), swapped).toBe(false);
    }
  });

  it('is found in text in groups of four with exact offsets', () => {
    const rand = seededRandom(4);
    for (let n = 0; n < 300; n++) {
      const written = (randomIban(rand).match(/.{1,4}/g) ?? []).join(' ');
      const { matches } = scanText(`IBAN: ${written}, thanks`);
      expect(
        matches.map((m) => [m.detector, m.start, m.end]),
        written,
      ).toEqual([['IBAN', 6, 6 + written.length]]);
    }
  });
});

describe('ABA routing checksum', () => {
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  const prefixes = ['01', '05', '12', '21', '26', '32', '61', '72', '80'];

  it('accepts exactly the numbers whose 3-7-1 sum is a multiple of ten, for assigned prefixes', () => {
    const rand = seededRandom(371);
    let valid = 0;
    for (let n = 0; n < 5000; n++) {
      const prefix =
        rand() < 0.8 ? prefixes[randomInt(rand, 0, prefixes.length - 1)]! : randomDigits(rand, 2);
      const digits = prefix + randomDigits(rand, 7);
      const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
      const p = Number(prefix);
      const assigned = p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
      const expected = assigned && sum % 10 === 0 && digits !== '000000000';
      expect(abaValid(digits), digits).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(200);
  });

  it('catches every single-digit error', () => {
    expect(abaValid('021000021')).toBe(true);
    for (let i = 0; i < 9; i++) {
      for (let d = 0; d < 10; d++) {
        const changed = '021000021'.slice(0, i) + d + '021000021'.slice(i + 1);
        if (changed !== '021000021') expect(abaValid(changed), changed).toBe(false);
      }
    }
  });
});
