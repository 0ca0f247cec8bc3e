import type { Detector, ScanTarget } from './types.ts';
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

/** What the prefilter needs from a detector, in one shape for every detector (a fast loop). */
interface Gate {
  keywords: readonly KeywordPlan[];
  minDigits: number;
  target: 'prompt' | 'response' | 'both';
}

const gates = new WeakMap<Detector, Gate>();
const listGates = new WeakMap<readonly Detector[], readonly Gate[]>();

function gateOf(detector: Detector): Gate {
  let gate = gates.get(detector);
  if (!gate) {
    const keywords = detector.keywords.map((keyword): KeywordPlan => {
      if (keyword.length === 1) return keyword;
      return new TextEncoder().encode(keyword).length === 2 ? pairKey(keyword) : tripleKeys(keyword);
    });
    gate = {
      keywords,
      minDigits: Math.min(detector.minDigits ?? 0, DIGIT_WINDOW),
      target: detector.target ?? 'both',
    };
    gates.set(detector, gate);
  }
  return gate;
}

/** Gates for a detector list, cached per list (the built-ins and each org's list are reused). */
function gatesOf(detectors: readonly Detector[]): readonly Gate[] {
  let list = listGates.get(detectors);
  if (!list) {
    list = detectors.map(gateOf);
    listGates.set(detectors, list);
  }
  return list;
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

function passes(gate: Gate, target: ScanTarget): boolean {
  if (gate.target !== 'both' && gate.target !== target) return false;
  if (gate.minDigits > 0 && digitDensity() < gate.minDigits) return false;
  const plan = gate.keywords;
  if (plan.length === 0) return true;
  for (let i = 0; i < plan.length; i++) if (present(plan[i]!)) return true;
  return false;
}

/** Indexes `input` and returns which of `detectors` are worth running on it for `target`. */
export function selectDetectors(
  input: string,
  detectors: readonly Detector[],
  target: ScanTarget,
): boolean[] {
  indexText(input);
  return gatesOf(detectors).map((gate) => passes(gate, target));
}

/** Single-detector form, for tests: indexes `input` and tells whether `detector` would run. */
export function prefilter(input: string): (detector: Detector) => boolean {
  indexText(input);
  return (detector) => passes(gateOf(detector), detector.target === 'response' ? 'response' : 'prompt');
}
