import type { Detector } from './types.ts';
import {
  DIGIT_WINDOW,
  digitDensity,
  indexText,
  indexedText,
  pairKey,
  pairStamped,
  tripleKeys,
  tripleStamped,
} from './text-index.ts';

/*
 * Decides per scan which detectors are worth running, from one index of the text (text-index.ts):
 * a keyword counts as present when all its byte triples are. The 5-bit folding can say yes
 * wrongly, and then the rule's regex simply finds nothing; it never says no wrongly, so no finding
 * is lost. Digit-driven rules also need `minDigits` digits close together.
 */

/** A keyword as its triple keys, its pair key (two characters) or itself (one character). */
type KeywordPlan = readonly number[] | number | string;

const plans = new WeakMap<Detector, readonly KeywordPlan[]>();

function planOf(detector: Detector): readonly KeywordPlan[] {
  let plan = plans.get(detector);
  if (!plan) {
    plan = detector.keywords.map((keyword): KeywordPlan => {
      if (keyword.length === 1) return keyword;
      return new TextEncoder().encode(keyword).length === 2 ? pairKey(keyword) : tripleKeys(keyword);
    });
    plans.set(detector, plan);
  }
  return plan;
}

/** One character: `includes` is fast for it (the 5-bit table cannot tell `.` from `n`). */
function includesChar(k: string): boolean {
  const upper = k.toUpperCase();
  const text = indexedText();
  return text.includes(k) || (upper !== k && text.includes(upper));
}

function present(k: KeywordPlan): boolean {
  if (typeof k === 'string') return includesChar(k);
  if (typeof k === 'number') return pairStamped(k);
  for (let i = 0; i < k.length; i++) if (!tripleStamped(k[i]!)) return false;
  return true;
}

function runs(detector: Detector): boolean {
  if (detector.minDigits !== undefined && digitDensity() < Math.min(detector.minDigits, DIGIT_WINDOW))
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
