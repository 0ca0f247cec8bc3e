import { describe, expect, it } from 'vitest';
import { randomDigits, randomInt, seededRandom } from '../../random.ts';
import { scanText } from '../scan.ts';
import { aadhaarValid, nhsValid, verhoeffValid } from './national-ids.ts';

/** The check digit that makes `body + d` valid, found by trying all ten. */
const completions = (body: string, valid: (s: string) => boolean): string[] =>
  [...'0123456789'].filter((d) => valid(body + d));

describe('NHS number (mod 11)', () => {
  it('matches the published example and its independent restatement', () => {
    expect(nhsValid('9434765919')).toBe(true);
    const rand = seededRandom(11);
    for (let n = 0; n < 3000; n++) {
      const body = randomDigits(rand, 9);
      const sum = [...body].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
      const check = (11 - (sum % 11)) % 11;
      const valid = completions(body, nhsValid);
      if (/^(\d)\1{8}$/.test(body) && String(check) === body[0]) continue;
      expect(valid, body).toEqual(check === 10 ? [] : [String(check)]);
    }
  });

  it('catches every single-digit error', () => {
    const rand = seededRandom(12);
    for (let n = 0; n < 500; n++) {
      const body = randomDigits(rand, 9);
      const [check] = completions(body, nhsValid);
      if (check === undefined) continue;
      const nhs = body + check;
      const i = randomInt(rand, 0, 9);
      const wrong = nhs.slice(0, i) + ((Number(nhs[i]) + randomInt(rand, 1, 9)) % 10) + nhs.slice(i + 1);
      expect(nhsValid(wrong), wrong).toBe(false);
    }
  });
});

describe('Verhoeff / Aadhaar', () => {
  it('accepts known-valid numbers', () => {
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
    expect(aadhaarValid('234123412346')).toBe(true);
    expect(aadhaarValid('134123412346')).toBe(false);
  });

  it('has exactly one check digit per body and catches every single error and adjacent swap', () => {
    const rand = seededRandom(1969);
    for (let n = 0; n < 2000; n++) {
      const body = randomDigits(rand, randomInt(rand, 3, 15));
      const valid = completions(body, verhoeffValid);
      expect(valid, body).toHaveLength(1);
      const number = body + valid[0];
      const i = randomInt(rand, 0, number.length - 1);
      const wrong =
        number.slice(0, i) + ((Number(number[i]) + randomInt(rand, 1, 9)) % 10) + number.slice(i + 1);
      expect(verhoeffValid(wrong), wrong).toBe(false);
      const j = randomInt(rand, 0, number.length - 2);
      const swapped = number.slice(0, j) + number[j + 1] + number[j] + number.slice(j + 2);
      if (number[j] !== number[j + 1]) expect(verhoeffValid(swapped), swapped).toBe(false);
    }
  });

  it('reports labelled Aadhaar numbers written 4-4-4', () => {
    const rand = seededRandom(12);
    for (let n = 0; n < 300; n++) {
      const body = String(randomInt(rand, 2, 9)) + randomDigits(rand, 10);
      const digits = body + completions(body, verhoeffValid)[0]!;
      if (!aadhaarValid(digits)) continue;
      const written = `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
      const { matches } = scanText(`Aadhaar: ${written}.`);
      expect(
        matches.map((m) => [m.detector, m.start, m.end]),
        written,
      ).toEqual([['IN_AADHAAR', 9, 9 + written.length]]);
    }
  });
});
