/*
 * One pass over a text that lets ~70 keyword checks be answered without ~70 more passes: it
 * stamps the byte triples present in the UTF-8 text, keeping 5 bits per byte (ASCII and Latin-1
 * letters have the same low 5 bits in either case, so this folds case for free), and measures how
 * densely digits occur and where. Stamps carry a generation number so the table is cleared once
 * per 255 texts; scans are synchronous, so one shared table is safe. Valid until the next
 * indexText.
 */

const triples = new Uint8Array(1 << 15);
let generation = 0;
let indexed = '';
/** Most ASCII digits in any DIGIT_WINDOW consecutive bytes. */
let denseDigits = 0;
/** Byte offsets of the first and last digit of any window holding REGION_DIGITS digits; -1 if none. */
let regionFirstByte = -1;
let regionLastByte = -1;
/** True when every character is ASCII, so byte offsets are string indices. */
let ascii = true;

/**
 * Every built-in digit-driven value (cards with separators, IBAN groups, phone numbers) fits its
 * `minDigits` into this many characters, so prose with a year and a version number skips them all.
 */
export const DIGIT_WINDOW = 24;
/** The fewest `minDigits` of any digit-driven built-in (an IPv4 address). */
const REGION_DIGITS = 4;
/**
 * Characters kept either side of the digit region: more than the longest digit-driven value (a
 * spaced IBAN, 42) plus the look-around its pattern needs, so a match near the region is whole.
 */
const REGION_MARGIN = 64;

/**
 * The text is indexed as UTF-8: `encodeInto` is native and a loop over bytes was measured about
 * twice as fast as one over `charCodeAt`. Texts longer than the buffer are indexed in slices (a
 * slice through a surrogate pair only blurs one triple).
 */
const encoder = new TextEncoder();
const CHUNK = 1 << 16;
const bytes = new Uint8Array(CHUNK * 3);
/** Byte offsets of the digits of the slice being indexed, plus those still inside the window. */
const digitAt = new Int32Array(CHUNK * 3 + DIGIT_WINDOW);

export function indexText(input: string): void {
  if (++generation === 256) {
    triples.fill(0);
    generation = 1;
  }
  indexed = input;
  denseDigits = 0;
  regionFirstByte = -1;
  regionLastByte = -1;
  hash = 0;
  let base = 0; // byte offset of the current slice
  let kept = 0; // digits carried over from the previous slice
  for (let from = 0; from < input.length; from += CHUNK) {
    const slice = input.length <= CHUNK ? input : input.slice(from, from + CHUNK);
    const n = encoder.encodeInto(slice, bytes).written;
    kept = measureDigits(stampBytes(n, base, kept, generation));
    base += n;
  }
  ascii = base === input.length;
}

/** The rolling triple key, carried from one slice to the next. */
let hash = 0;

/**
 * Stamps the triples of the first `n` bytes and lists their digits after the `digits` already
 * listed; returns the new count. The hot loop of every scan: it only lists digits (measureDigits
 * measures them afterwards), takes bytes two at a time and lives in its own small function, which
 * together were measured to make it 2.5 times as fast as one byte per turn measuring inline.
 */
function stampBytes(n: number, base: number, digits: number, gen: number): number {
  let h = hash;
  const pairs = n & ~1;
  for (let i = 0; i < pairs; i += 2) {
    const b = bytes[i]!;
    const c = bytes[i + 1]!;
    h = ((h << 5) | (b & 31)) & 0x7fff;
    triples[h] = gen;
    h = ((h << 5) | (c & 31)) & 0x7fff;
    triples[h] = gen;
    if ((b - 48) >>> 0 < 10) digitAt[digits++] = base + i;
    if ((c - 48) >>> 0 < 10) digitAt[digits++] = base + i + 1;
  }
  if (pairs < n) {
    const b = bytes[pairs]!;
    h = ((h << 5) | (b & 31)) & 0x7fff;
    triples[h] = gen;
    if ((b - 48) >>> 0 < 10) digitAt[digits++] = base + pairs;
  }
  hash = h;
  return digits;
}

/**
 * Slides DIGIT_WINDOW over the listed digit offsets, updating the density and the digit region,
 * and moves the digits that may still share a window with the next slice's to the front.
 */
function measureDigits(count: number): number {
  let oldest = 0;
  for (let j = 0; j < count; j++) {
    const at = digitAt[j]!;
    while (digitAt[oldest]! <= at - DIGIT_WINDOW) oldest++;
    const inWindow = j + 1 - oldest;
    if (inWindow > denseDigits) denseDigits = inWindow;
    if (inWindow >= REGION_DIGITS) {
      if (regionFirstByte < 0) regionFirstByte = digitAt[oldest]!;
      regionLastByte = at;
    }
  }
  const carried = Math.min(count - oldest, DIGIT_WINDOW);
  digitAt.copyWithin(0, count - carried, count);
  return carried;
}

/** The text last indexed. */
export const indexedText = (): string => indexed;

/** Most ASCII digits in any DIGIT_WINDOW consecutive characters of the indexed text. */
export const digitDensity = (): number => denseDigits;

/**
 * The part of the indexed text where a digit-driven value can be: every window holding at least
 * REGION_DIGITS digits, widened by REGION_MARGIN. Offsets are string indices ([from, to), empty
 * when there is no such window). For non-ASCII texts it is widened further: a UTF-16 unit takes
 * one to three UTF-8 bytes, so a byte offset b is a string index between b/3 and b.
 */
export function digitRegion(): { from: number; to: number } {
  if (regionFirstByte < 0) return { from: 0, to: 0 };
  const first = ascii ? regionFirstByte : Math.floor(regionFirstByte / 3);
  return {
    from: Math.max(0, first - REGION_MARGIN),
    to: Math.min(indexed.length, regionLastByte + 1 + REGION_MARGIN),
  };
}

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
