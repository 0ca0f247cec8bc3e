import type { Detector } from './types.ts';

/** A validated finding before overlaps are resolved. `order` is the detector's list position. */
export interface Candidate {
  detector: Detector;
  order: number;
  start: number;
  end: number;
}

function keywordsPresent(detector: Detector, lowerText: string): boolean {
  return detector.keywords.length === 0 || detector.keywords.some((k) => lowerText.includes(k));
}

function contextAllows(detector: Detector, text: string, start: number): boolean {
  const ctx = detector.context;
  if (!ctx) return true;
  const before = text.slice(Math.max(0, start - ctx.window), start).toLowerCase();
  const found = ctx.words.some((w) => before.includes(w));
  return ctx.mode === 'require' ? found : !found;
}

/** Runs one detector over the text, returning every span that passes validation and context. */
export function findCandidates(
  detector: Detector,
  order: number,
  text: string,
  lowerText: string,
): Candidate[] {
  if (!keywordsPresent(detector, lowerText)) return [];
  // A private copy: the shared pattern's lastIndex must not leak between scans, and `d` gives the
  // offsets of a `value` group.
  const flags = detector.pattern.flags.includes('d') ? detector.pattern.flags : detector.pattern.flags + 'd';
  const re = new RegExp(detector.pattern.source, flags);
  const out: Candidate[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const span = m.indices?.groups?.['value'] ?? m.indices?.[0];
    if (!span || span[1] === span[0]) {
      re.lastIndex = m.index + 1;
      continue;
    }
    const [start, end] = span;
    const value = text.slice(start, end);
    if ((detector.validate?.(value) ?? true) && contextAllows(detector, text, start)) {
      out.push({ detector, order, start, end });
    } else {
      // A rejected candidate may hide a valid one starting inside it; the patterns' own
      // boundary guards keep this from producing fragments of a token.
      re.lastIndex = m.index + 1;
    }
  }
  return out;
}
