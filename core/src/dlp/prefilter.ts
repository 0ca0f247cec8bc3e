import type { Detector } from './types.ts';

/*
 * Decides per scan which detectors are worth running. Calling `includes` for each of ~70
 * keywords costs ~70 passes over the text and dominated clean-text scans, so one pass stamps
 * every character bigram present (case-folded, 7 bits per character so the table stays in L1),
 * and a keyword is confirmed with `includes` on the lower-cased text only when all its bigrams
 * were seen. Stamps carry a generation number so the table is cleared once per 255 scans; scans
 * are synchronous, so one shared table is safe.
 */

const seen = new Uint8Array(1 << 14);
let generation = 0;
let digits = 0;
let text = '';
let lower: string | undefined;
const confirmed = new Map<string, boolean>();

function indexText(input: string): void {
  if (++generation === 256) {
    seen.fill(0);
    generation = 1;
  }
  const gen = generation;
  let prev = 0;
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
    else if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) c |= 32;
    c &= 0x7f;
    seen[(prev << 7) | c] = gen;
    prev = c;
  }
  digits = n;
  text = input;
  lower = undefined;
  confirmed.clear();
}

interface KeywordPlan {
  keyword: string;
  bigrams: readonly number[];
}

/** Per detector, once: each keyword with its bigram keys (folded the way indexText folds). */
const plans = new WeakMap<Detector, readonly KeywordPlan[]>();

function planOf(detector: Detector): readonly KeywordPlan[] {
  let plan = plans.get(detector);
  if (!plan) {
    plan = detector.keywords.map((keyword) => {
      // Other scripts fold case differently from indexText: those keywords go straight to includes.
      if (/[^\u0000-\u00ff]/u.test(keyword)) return { keyword, bigrams: [] };
      const codes = Array.from({ length: keyword.length }, (_, i) => keyword.charCodeAt(i) & 0x7f);
      return { keyword, bigrams: codes.slice(1).map((c, i) => (codes[i]! << 7) | c) };
    });
    plans.set(detector, plan);
  }
  return plan;
}

function present(k: KeywordPlan): boolean {
  for (let i = 0; i < k.bigrams.length; i++) if (seen[k.bigrams[i]!] !== generation) return false;
  let hit = confirmed.get(k.keyword);
  if (hit === undefined) {
    lower ??= text.toLowerCase();
    hit = lower.includes(k.keyword);
    confirmed.set(k.keyword, hit);
  }
  return hit;
}

function runs(detector: Detector): boolean {
  if (detector.minDigits !== undefined && digits < detector.minDigits) return false;
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
