import type { Detector } from './types.ts';

/** No built-in needs more digits than this to decide; counting stops there. */
const DIGIT_CAP = 16;

function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++n >= DIGIT_CAP) break;
  }
  return n;
}

/**
 * Decides per scan which detectors are worth running. Each distinct keyword (many rules share
 * `-` or `@`) is looked up once in the lower-cased text, and the digit count is taken once for
 * every digit-driven rule, so a prompt without a rule's anchors never reaches its regex.
 */
export function prefilter(text: string): (detector: Detector) => boolean {
  let lower: string | undefined;
  let digits = -1;
  const seen = new Map<string, boolean>();
  const has = (keyword: string): boolean => {
    let hit = seen.get(keyword);
    if (hit === undefined) {
      lower ??= text.toLowerCase();
      hit = lower.includes(keyword);
      seen.set(keyword, hit);
    }
    return hit;
  };
  return (detector) => {
    if (detector.minDigits !== undefined) {
      if (digits < 0) digits = countDigits(text);
      if (digits < Math.min(detector.minDigits, DIGIT_CAP)) return false;
    }
    return detector.keywords.length === 0 || detector.keywords.some(has);
  };
}
