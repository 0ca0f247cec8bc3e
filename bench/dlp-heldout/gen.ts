/**
 * Value generators for the held-out DLP set. Written from public format descriptions only (not from
 * the engine): every true positive carries a valid check digit, every near miss an invalid one.
 * All randomness comes from one seeded PRNG so the set is identical on every run.
 */

/** mulberry32: small, fast, good enough for test data. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  readonly rand: () => number;
  constructor(seed: number) {
    this.rand = makeRng(seed);
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }

  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.rand() * alphabet.length)];
    return s;
  }

  digits(n: number): string {
    return this.chars(DIGITS, n);
  }

  /** Random string over an alphabet that contains at least one upper, lower and digit when possible. */
  mixed(alphabet: string, n: number): string {
    for (;;) {
      const s = this.chars(alphabet, n);
      const need =
        (!/[A-Z]/.test(alphabet) || /[A-Z]/.test(s)) &&
        (!/[a-z]/.test(alphabet) || /[a-z]/.test(s)) &&
        (!/[0-9]/.test(alphabet) || /[0-9]/.test(s));
      if (need || n < 8) return s;
    }
  }
}

export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const B62 = DIGITS + UPPER + LOWER;
export const B64URL = B62 + '-_';
export const B64 = UPPER + LOWER + DIGITS + '+/';

// ---------------------------------------------------------------- check digits

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(num: string): boolean {
  const d = num.replace(/\D/g, '');
  return luhnCheckDigit(d.slice(0, -1)) === Number(d.at(-1));
}

/** Verhoeff tables (public domain algorithm). */
const V_D = [
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
const V_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const V_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

export function verhoeffCheckDigit(body: string): number {
  let c = 0;
  const ds = body.split('').reverse();
  for (let i = 0; i < ds.length; i++) c = V_D[c]![V_P[(i + 1) % 8]![Number(ds[i])]!]!;
  return V_INV[c]!;
}

export function verhoeffValid(num: string): boolean {
  let c = 0;
  const ds = num.replace(/\D/g, '').split('').reverse();
  for (let i = 0; i < ds.length; i++) c = V_D[c]![V_P[i % 8]![Number(ds[i])]!]!;
  return c === 0;
}

/** NHS number: weights 10..2 over the first nine digits; check = 11 - (sum mod 11), 11 -> 0, 10 invalid. */
export function nhsCheckDigit(body9: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body9[i]) * (10 - i);
  const c = 11 - (sum % 11);
  if (c === 11) return 0;
  if (c === 10) return null;
  return c;
}

export function abaValid(n: string): boolean {
  const d = n.split('').map(Number);
  const s = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return s % 10 === 0;
}

export function ibanMod97(iban: string): number {
  const s = iban.replace(/\s/g, '');
  const re = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of re) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

const CRC_TABLE = (() => {
  const t: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t.push(c >>> 0);
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function base62(n: number, pad: number): string {
  let s = '';
  while (n > 0) {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(pad, '0');
}

// ---------------------------------------------------------------- formatting

export function group(d: string, sizes: readonly number[], sep: string): string {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) {
    out.push(d.slice(i, i + n));
    i += n;
  }
  if (i < d.length) out.push(d.slice(i));
  return out.join(sep);
}

export function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}
