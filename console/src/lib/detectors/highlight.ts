import type { TestFinding } from '../api/types.ts';

export interface Segment {
  text: string;
  /** Index into the findings list, when this segment is a finding. */
  finding?: number;
}

/**
 * Splits `text` into plain and highlighted segments. Findings are UTF-16 spans (JS indices), so
 * slicing the string directly keeps emoji and CJK intact. Overlapping or out-of-range spans (the
 * engine resolves overlaps, but a stale result may not fit an edited text) are clipped, not drawn twice.
 */
export function highlightSegments(text: string, findings: readonly TestFinding[]): Segment[] {
  const order = findings
    .map((f, index) => ({ start: f.start, end: f.end, index }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const f of order) {
    const start = Math.max(f.start, at);
    const end = Math.min(f.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start) });
    out.push({ text: text.slice(start, end), finding: f.index });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** "0.93" → "93%". */
export const percent = (confidence: number): string => `${Math.round(confidence * 100)}%`;

/** Comma- or newline-separated list from a form field. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);
}
