import { randomDigits, randomInt } from '../../random.ts';
import type { Rng } from './types.ts';

/** UK NHS number: weights 10…2 over nine digits, check = 11 − sum mod 11 (10 is never issued). */
export function nhsNumber(rand: Rng): string {
  for (;;) {
    const body = randomDigits(rand, 9);
    const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    const n = body + check;
    return rand() < 0.6 ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : n;
  }
}

// Verhoeff (dihedral group D5) tables for the Aadhaar check digit.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
/** Position permutations: P[i] is P[1] applied i times (deriving them avoids a mistyped row). */
const P1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
const P = Array.from({ length: 8 }, (_, i) =>
  [...Array(10).keys()].map((x) => {
    let y = x;
    for (let k = 0; k < i; k++) y = P1[y]!;
    return y;
  }),
);
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function verhoeffDigit(partial: string): number {
  let c = 0;
  const digits = [...partial].reverse();
  for (let i = 0; i < digits.length; i++) c = D[c]![P[(i + 1) % 8]![Number(digits[i])]!]!;
  return INV[c]!;
}

/** Aadhaar: 12 digits, never starting with 0 or 1, Verhoeff check digit; printed 4-4-4. */
export function aadhaar(rand: Rng): string {
  const body = String(randomInt(rand, 2, 9)) + randomDigits(rand, 10);
  const n = body + verhoeffDigit(body);
  return rand() < 0.7 ? `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}` : n;
}
