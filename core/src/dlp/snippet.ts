export interface Span {
  start: number;
  end: number;
  detector: string;
}

const CONTEXT = 20;
const MESSY_SPACE = /\s\s|[^\S ]/;

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * The finding with about CONTEXT characters either side, every finding in that window replaced by
 * its `[DETECTOR]` label and whitespace collapsed. A window edge that would cut through another
 * finding is widened to take the whole finding, so no fragment of a raw value can leak.
 * `spans` must be sorted and non-overlapping.
 */
export function buildSnippet(text: string, spans: readonly Span[], index: number): string {
  const target = spans[index];
  if (!target) return '';
  let from = Math.max(0, target.start - CONTEXT);
  let to = Math.min(text.length, target.end + CONTEXT);
  // Spans are sorted and disjoint, so the neighbours inside the window are contiguous around
  // `index`; walking outwards keeps a text with thousands of findings linear.
  let first = index;
  while (first > 0 && spans[first - 1]!.end > from) {
    first--;
    from = Math.min(from, spans[first]!.start);
  }
  let last = index;
  while (last < spans.length - 1 && spans[last + 1]!.start < to) {
    last++;
    to = Math.max(to, spans[last]!.end);
  }
  // Never start on the second half of a surrogate pair or end between the halves.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;

  let out = '';
  let pos = from;
  for (let i = first; i <= last; i++) {
    const s = spans[i]!;
    out += text.slice(pos, s.start) + `[${s.detector}]`;
    pos = s.end;
  }
  out += text.slice(pos, to);
  // Most windows hold single spaces only; the replace (and its copy) is for the rest.
  const body = (MESSY_SPACE.test(out) ? out.replace(/\s+/g, ' ') : out).trim();
  return (from > 0 ? '…' : '') + body + (to < text.length ? '…' : '');
}
