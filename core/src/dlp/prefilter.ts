import type { Detector } from './types.ts';

/*
 * Decides per scan which detectors are worth running. Calling `includes` for each of ~70
 * keywords costs ~70 passes over the text and dominated clean-text scans, so one pass stamps the
 * byte triples present in the UTF-8 text, keeping 5 bits per byte: ASCII and Latin-1 letters
 * have the same low 5 bits in either case, so this folds case for free. A keyword counts as present when
 * all its triples are. The folding can say yes
 * wrongly, and then the rule's regex simply finds nothing; it never says no wrongly, so no finding
 * is lost. Stamps carry a generation number so the tables are cleared once per 255 scans; scans
 * are synchronous, so shared tables are safe.
 */

const triples = new Uint8Array(1 << 15);
let generation = 0;
let text = '';
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

function indexText(input: string): void {
  if (++generation === 256) {
    triples.fill(0);
    generation = 1;
  }
  text = input;
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

/** A keyword as its triple keys, its pair key (two characters) or itself (one character). */
type KeywordPlan = readonly number[] | number | string;

const plans = new WeakMap<Detector, readonly KeywordPlan[]>();

function planOf(detector: Detector): readonly KeywordPlan[] {
  let plan = plans.get(detector);
  if (!plan) {
    plan = detector.keywords.map((keyword): KeywordPlan => {
      const c = Array.from(encoder.encode(keyword), (b) => b & 31);
      if (keyword.length === 1) return keyword;
      if (c.length === 2) return (c[0]! << 5) | c[1]!;
      return c.slice(2).map((x, i) => (c[i]! << 10) | (c[i + 1]! << 5) | x);
    });
    plans.set(detector, plan);
  }
  return plan;
}

/** One character: `includes` is fast for it (the 5-bit table cannot tell `.` from `n`). */
function includesChar(k: string): boolean {
  const upper = k.toUpperCase();
  return text.includes(k) || (upper !== k && text.includes(upper));
}

/** Two characters: present when any stamped triple ends with them. */
function pairStamped(key: number): boolean {
  for (let x = 0; x < 32; x++) if (triples[(x << 10) | key] === generation) return true;
  return false;
}

function present(k: KeywordPlan): boolean {
  if (typeof k === 'string') return includesChar(k);
  if (typeof k === 'number') return pairStamped(k);
  for (let i = 0; i < k.length; i++) if (triples[k[i]!] !== generation) return false;
  return true;
}

function runs(detector: Detector): boolean {
  if (detector.minDigits !== undefined && denseDigits < Math.min(detector.minDigits, DIGIT_WINDOW))
    return false;
  const plan = planOf(detector);
  if (plan.length === 0) return true;
  for (let i = 0; i < plan.length; i++) if (present(plan[i]!)) return true;
  return false;
}

/** Indexes `input`; the returned test is valid until the next call. */
export function prefilter(input: string): (detector: Detector) => boolean {
  indexText(input);
  return runs;
}
