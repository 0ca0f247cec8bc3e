import { describe, expect, it } from 'vitest';
import { randomDigits, randomInt, seededRandom } from '../../random.ts';
import { scanText } from '../scan.ts';
import { ssnValid } from './ssn.ts';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Independent restatement of the SSA rules, so the generator does not reuse the code under test. */
function issuable(area: number, group: number, serial: number): boolean {
  return area >= 1 && area <= 899 && area !== 666 && group >= 1 && serial >= 1;
}

describe('ssnValid', () => {
  it.each([
    ['123456789', true],
    ['899991234', true],
    ['000123456', false],
    ['666123456', false],
    ['900123456', false],
    ['999123456', false],
    ['123006789', false],
    ['123450000', false],
    ['078051120', false],
    ['12345678', false],
    ['12345678a', false],
  ])('%s → %s', (digits, expected) => {
    expect(ssnValid(digits)).toBe(expected);
  });

  it('agrees with the SSA rules on many random numbers', () => {
    const rand = seededRandom(1936);
    let valid = 0;
    for (let n = 0; n < 5000; n++) {
      // Bias towards the edges where the rules bite.
      const area = [0, 666, 899, 900, randomInt(rand, 0, 999)][randomInt(rand, 0, 4)]!;
      const group = rand() < 0.2 ? 0 : randomInt(rand, 0, 99);
      const serial = rand() < 0.2 ? 0 : Number(randomDigits(rand, 4));
      const digits = pad(area, 3) + pad(group, 2) + pad(serial, 4);
      const expected = issuable(area, group, serial) && digits !== '078051120' && digits !== '219099999';
      expect(ssnValid(digits), digits).toBe(expected);
      if (expected) valid++;
    }
    // Guards against a generator that only ever produces one class.
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(4500);
  });

  it('the detector follows the validator for dashed numbers in text', () => {
    const rand = seededRandom(99);
    for (let n = 0; n < 1000; n++) {
      const digits = randomDigits(rand, 9);
      const written = `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
      const found = scanText(`id ${written} end`).matches.some((m) => m.detector === 'US_SSN');
      expect(found, written).toBe(ssnValid(digits));
    }
  });
});
