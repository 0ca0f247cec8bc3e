import type { Detector } from './types.ts';

/**
 * Decides per scan which detectors are worth running. Keywords are looked up once per distinct
 * keyword (many rules share `-` or `@`) in the lower-cased text, so a prompt with none of a rule's
 * anchors never reaches that rule's regex.
 */
export function prefilter(text: string): (detector: Detector) => boolean {
  let lower: string | undefined;
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
  return (detector) => detector.keywords.length === 0 || detector.keywords.some(has);
}
