/*
 * One pass over a text that lets ~70 keyword checks be answered without ~70 more passes: it
 * stamps the byte triples present in the UTF-8 text, keeping 5 bits per byte (ASCII and Latin-1
 * letters have the same low 5 bits in either case, so this folds case for free), and measures how
 * densely digits occur. Stamps carry a generation number so the table is cleared once per 255
 * texts; scans are synchronous, so one shared table is safe. Valid until the next indexText.
 */

const triples = new Uint8Array(1 << 15);
let generation = 0;
let indexed = '';
/** Most ASCII digits in any DIGIT_WINDOW consecutive bytes. */
let denseDigits = 0;

/**
 * Every built-in digit-driven value (cards with separators, IBAN groups, phone numbers) fits its
 * `minDigits` into this many characters, so prose with a year and a version number skips them all.
 */
export const DIGIT_WINDOW = 24;

/**
 * The text is indexed as UTF-8: `encodeInto` is native and a loop over bytes was measured about
 * twice as fast as one over `charCodeAt`.
 */
const encoder = new TextEncoder();
const CHUNK = 1 << 16;
const bytes = new Uint8Array(CHUNK * 3);
/** 1 for ASCII digit bytes: table lookups keep the loop free of unpredictable branches. */
const DIGIT = new Uint8Array(256).fill(1, 48, 58);

export function indexText(input: string): void {
  if (++generation === 256) {
    triples.fill(0);
    generation = 1;
  }
  indexed = input;
  if (input.length > CHUNK) {
    indexLarge(input);
    return;
  }
  const gen = generation;
  const n = encoder.encodeInto(input, bytes).written;
  let h = 0;
  let count = 0; // digits among the last DIGIT_WINDOW bytes
  const head = Math.min(n, DIGIT_WINDOW);
  for (let i = 0; i < head; i++) {
    const b = bytes[i]!;
    h = ((h << 5) | (b & 31)) & 0x7fff;
    triples[h] = gen;
    count += DIGIT[b]!;
  }
  let most = count;
  for (let i = head; i < n; i++) {
    const b = bytes[i]!;
    h = ((h << 5) | (b & 31)) & 0x7fff;
    triples[h] = gen;
    count += DIGIT[b]! - DIGIT[bytes[i - DIGIT_WINDOW]!]!;
    if (count > most) most = count;
  }
  denseDigits = most;
}

/**
 * Texts longer than the buffer are indexed in slices (a slice through a surrogate pair only
 * blurs one triple). Digit density is not tracked across slices: such texts run every digit
 * rule, which costs time but never a finding.
 */
function indexLarge(input: string): void {
  const gen = generation;
  let h = 0;
  for (let from = 0; from < input.length; from += CHUNK) {
    const n = encoder.encodeInto(input.slice(from, from + CHUNK), bytes).written;
    for (let i = 0; i < n; i++) {
      h = ((h << 5) | (bytes[i]! & 31)) & 0x7fff;
      triples[h] = gen;
    }
  }
  denseDigits = DIGIT_WINDOW;
}

/** The text last indexed. */
export const indexedText = (): string => indexed;

/** Most ASCII digits in any DIGIT_WINDOW consecutive characters of the indexed text. */
export const digitDensity = (): number => denseDigits;

/** Triple keys of a keyword, as indexText computes them for the text. */
export function tripleKeys(keyword: string): number[] {
  const c = Array.from(encoder.encode(keyword), (b) => b & 31);
  return c.slice(2).map((x, i) => (c[i]! << 10) | (c[i + 1]! << 5) | x);
}

/** Pair key of a two-byte keyword. */
export function pairKey(keyword: string): number {
  const c = encoder.encode(keyword);
  return ((c[0]! & 31) << 5) | (c[1]! & 31);
}

export const tripleStamped = (key: number): boolean => triples[key] === generation;

/** A pair is present when any stamped triple ends with it (the first pair of a text included). */
export function pairStamped(key: number): boolean {
  for (let x = 0; x < 32; x++) if (triples[(x << 10) | key] === generation) return true;
  return false;
}
