import { randomDigits, randomInt } from '../../random.ts';
import { pick, randomChars } from './builder.ts';
import type { Rng } from './types.ts';

/*
 * Valid numbers with checksums, computed here independently of the engine's validators so the
 * corpus does not inherit their mistakes.
 */

function luhnDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Issuer prefixes and lengths a real network issues. */
const ISSUED: ReadonlyArray<readonly [string, number]> = [
  ['4', 16],
  ['4', 16],
  ['4', 13],
  ['4', 19],
  ['51', 16],
  ['54', 16],
  ['2221', 16],
  ['2720', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['65', 16],
  ['3528', 16],
  ['3566', 16],
  ['36', 14],
  ['300', 14],
];

export function cardDigits(rand: Rng): string {
  const [prefix, length] = pick(rand, ISSUED);
  const body = prefix + randomDigits(rand, length - prefix.length - 1);
  return body + luhnDigit(body);
}

/** Printed the way cards are: solid, or grouped by spaces or dashes (Amex 4-6-5, Diners 4-6-4). */
export function formatCard(rand: Rng, digits: string): string {
  const sep = pick(rand, ['', ' ', ' ', '-']);
  if (sep === '' || digits.length > 16 || digits.length === 13) return digits;
  if (digits.length !== 16) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  return digits.match(/.{4}/g)!.join(sep);
}

export const card = (rand: Rng): string => formatCard(rand, cardDigits(rand));

/** A card with the last digit changed: the Luhn check fails. */
export function badLuhnCard(rand: Rng): string {
  const digits = cardDigits(rand);
  const last = (Number(digits.at(-1)) + randomInt(rand, 1, 9)) % 10;
  return formatCard(rand, digits.slice(0, -1) + last);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function ssn(rand: Rng): string {
  let area = randomInt(rand, 1, 899);
  if (area === 666) area = 667;
  return `${pad(area, 3)}-${pad(randomInt(rand, 1, 99), 2)}-${pad(randomInt(rand, 1, 9999), 4)}`;
}

/** SSA never issues area 000, 666 or 9xx, group 00 or serial 0000. */
export function invalidSsn(rand: Rng): string {
  const [a, g, s] = ssn(rand).split('-') as [string, string, string];
  switch (randomInt(rand, 0, 4)) {
    case 0:
      return `000-${g}-${s}`;
    case 1:
      return `666-${g}-${s}`;
    case 2:
      return `${randomInt(rand, 900, 999)}-${g}-${s}`;
    case 3:
      return `${a}-00-${s}`;
    default:
      return `${a}-${g}-0000`;
  }
}

/** Country, bank-code letters, digits after: enough shapes to exercise grouping and mod 97. */
const IBAN_SHAPES: ReadonlyArray<readonly [string, number, number]> = [
  ['DE', 0, 18],
  ['FR', 0, 23],
  ['ES', 0, 20],
  ['GB', 4, 14],
  ['NL', 4, 10],
  ['IT', 1, 22],
  ['AT', 0, 16],
  ['CH', 0, 17],
];

function mod97(numeric: string): number {
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  return rem;
}

const lettersToDigits = (s: string): string => s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));

export function iban(rand: Rng): string {
  const [country, letters, digits] = pick(rand, IBAN_SHAPES);
  const bban = randomChars(rand, letters, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + randomDigits(rand, digits);
  const check = pad(98 - mod97(lettersToDigits(bban + country + '00')), 2);
  const solid = country + check + bban;
  return rand() < 0.5 ? solid : solid.match(/.{1,4}/g)!.join(' ');
}

/** ABA routing: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function routingNumber(rand: Rng): string {
  const head = pad(pick(rand, [randomInt(rand, 1, 12), randomInt(rand, 21, 32)]), 2) + randomDigits(rand, 6);
  const w = [3, 7, 1, 3, 7, 1, 3, 7];
  const sum = [...head].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
  return head + String((10 - (sum % 10)) % 10);
}

export function phoneNumber(rand: Rng): string {
  const d = (n: number): string => randomDigits(rand, n);
  const area = (): string => String(randomInt(rand, 201, 989));
  return pick(rand, [
    () => `+1 ${area()} 555 ${d(4)}`,
    () => `(${area()}) 555-${d(4)}`,
    () => `+1-${area()}-555-${d(4)}`,
    () => `+49 ${randomInt(rand, 151, 179)} ${d(7)}`,
    () => `+49 30 ${d(8)}`,
    () => `+44 20 7946 ${d(4)}`,
    () => `+44 7700 900${d(3)}`,
    () => `+33 6 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
    () => `+34 6${d(2)} ${d(3)} ${d(3)}`,
    () => `+81 90-${d(4)}-${d(4)}`,
  ])();
}
