import type { Span } from './snippet.ts';

/**
 * Replaces each finding with `[DETECTOR]`. Accepts findings in any order, including overlapping
 * ones from callers that merge several scans: overlaps collapse into one label (the earliest
 * finding's) so no slice of a value survives between two labels.
 */
export function redactText(text: string, matches: readonly Span[]): string {
  const sorted = [...matches]
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const m of sorted) {
    const start = Math.max(0, Math.min(m.start, text.length));
    const end = Math.min(m.end, text.length);
    if (end <= pos) continue; // fully inside a finding already replaced
    if (start >= pos) out += text.slice(pos, start) + `[${m.detector}]`;
    pos = end;
  }
  return out + text.slice(pos);
}
