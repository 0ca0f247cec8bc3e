import { severityRank } from '../policy/severity.ts';
import type { Candidate } from './find.ts';

/** Higher severity first, then the longer span, then the earlier detector in the list. */
function outranks(a: Candidate, b: Candidate): number {
  return (
    severityRank(b.detector.severity) - severityRank(a.detector.severity) ||
    b.end - b.start - (a.end - a.start) ||
    a.order - b.order ||
    a.start - b.start
  );
}

/** Index of the first accepted span starting at or after `start` (accepted is kept sorted). */
function insertionPoint(accepted: readonly Candidate[], start: number): number {
  let lo = 0;
  let hi = accepted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (accepted[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Splits off candidates lying strictly inside a longer HIGH-or-above finding: the card-shaped run
 * inside a spaced IBAN is part of the IBAN, not a card. Weaker containers (an email whose local
 * part holds digits) never hide what is inside them.
 */
function splitContained(byStart: readonly Candidate[]): [outer: Candidate[], inner: Candidate[]] {
  const outer: Candidate[] = [];
  const inner: Candidate[] = [];
  let cover: Candidate | undefined;
  for (const c of byStart) {
    if (cover && cover.end >= c.end && cover.end - cover.start > c.end - c.start) {
      inner.push(c);
      continue;
    }
    outer.push(c);
    if (severityRank(c.detector.severity) >= severityRank('HIGH') && (!cover || c.end > cover.end)) cover = c;
  }
  return [outer, inner];
}

function accept(accepted: Candidate[], c: Candidate): void {
  const i = insertionPoint(accepted, c.start);
  const before = accepted[i - 1];
  const after = accepted[i];
  if ((before && before.end > c.start) || (after && after.start < c.end)) return;
  accepted.splice(i, 0, c);
}

/**
 * Keeps at most one finding per region of text: candidates are accepted strongest first, and a
 * candidate overlapping an accepted one is dropped. Contained candidates get a second chance
 * after the rest, so one whose container lost to a third finding is still reported.
 * Returned in text order.
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  // Most texts have no overlapping candidates at all (sorted by start, any overlap shows between
  // neighbours); then every candidate is kept and the ranking below is not needed.
  let disjoint = true;
  for (let i = 1; i < byStart.length && disjoint; i++) disjoint = byStart[i]!.start >= byStart[i - 1]!.end;
  if (disjoint) return byStart;
  const accepted: Candidate[] = [];
  const [outer, inner] = splitContained(byStart);
  for (const c of outer.sort(outranks)) accept(accepted, c);
  for (const c of inner.sort(outranks)) accept(accepted, c);
  return accepted;
}
