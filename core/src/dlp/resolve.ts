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
 * Keeps at most one finding per region of text: candidates are accepted strongest first, and a
 * candidate overlapping an accepted one is dropped. Returned in text order.
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const accepted: Candidate[] = [];
  for (const c of [...candidates].sort(outranks)) {
    const i = insertionPoint(accepted, c.start);
    const before = accepted[i - 1];
    const after = accepted[i];
    if ((before && before.end > c.start) || (after && after.start < c.end)) continue;
    accepted.splice(i, 0, c);
  }
  return accepted;
}
