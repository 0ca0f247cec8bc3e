import { MIN_CONFIDENCE, scoreFinding } from './confidence.ts';
import type { Detector } from './types.ts';

/** A validated finding before overlaps are resolved. `order` is the detector's list position. */
export interface Candidate {
  detector: Detector;
  order: number;
  start: number;
  end: number;
  confidence: number;
  why: string[] | undefined;
}

/**
 * One compiled copy per detector, reused by every scan: scans are synchronous, so resetting
 * lastIndex before use is enough, and the caller's pattern object is never mutated. The `d` flag
 * is dropped: it makes every match compute indices, which was measured to be slow.
 */
const compiled = new WeakMap<Detector, RegExp>();

function regexFor(detector: Detector, pattern: RegExp): RegExp {
  let re = compiled.get(detector);
  if (!re) {
    let flags = pattern.flags.replace('d', '');
    if (!flags.includes('g')) flags += 'g';
    re = new RegExp(pattern.source, flags);
    compiled.set(detector, re);
  }
  re.lastIndex = 0;
  return re;
}

function contextAllows(detector: Detector, text: string, start: number): boolean {
  const ctx = detector.context;
  if (!ctx) return true;
  let before = text.slice(Math.max(0, start - ctx.window), start).toLowerCase();
  // A word that suppresses must be on the value's own line ("APP_VERSION=…" above "DB_HOST=10.…"
  // says nothing about the address); a required label may sit on the line above.
  if (ctx.mode === 'suppress') before = before.slice(before.lastIndexOf('\n') + 1);
  const found = ctx.words.some((w) => before.includes(w));
  return ctx.mode === 'require' ? found : !found;
}

/** Validation, context and confidence for one span; pushes it to `out` when it counts. */
function consider(
  detector: Detector,
  order: number,
  text: string,
  start: number,
  end: number,
  explain: boolean,
  out: Candidate[],
): boolean {
  if (end <= start) return false;
  if (detector.validate && !detector.validate(text.slice(start, end))) return false;
  if (!contextAllows(detector, text, start)) return false;
  const { confidence, why } = scoreFinding(detector, text, start, end, explain);
  if (confidence < MIN_CONFIDENCE) return false;
  out.push({ detector, order, start, end, confidence, why });
  return true;
}

/**
 * Runs one detector over `text[from, to)` (offsets stay those of the whole text), appending every
 * span that passes validation and context. A narrower range is only for rules whose matches are
 * known to lie inside it, such as digit-driven rules and the digit region.
 */
export function findCandidates(
  detector: Detector,
  order: number,
  text: string,
  explain: boolean,
  out: Candidate[],
  from = 0,
  to = text.length,
): void {
  if (detector.matcher) {
    for (const [start, end] of detector.matcher(text))
      consider(detector, order, text, start, end, explain, out);
    return;
  }
  if (!detector.pattern || to <= from) return;
  const re = regexFor(detector, detector.pattern);
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  let m: RegExpExecArray | null;
  while ((m = re.exec(part)) !== null) {
    const value = m.groups?.['value'];
    // A `value` group ends the match (types.ts), so its span is found without the `d` flag.
    const end = from + m.index + m[0].length;
    const start = value === undefined ? from + m.index : end - value.length;
    // A rejected candidate may hide a valid one starting inside it; the patterns' own boundary
    // guards keep this from producing fragments of a token.
    if (!consider(detector, order, text, start, end, explain, out)) re.lastIndex = m.index + 1;
  }
}
