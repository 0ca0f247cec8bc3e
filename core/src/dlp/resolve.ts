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

/**
 * Keeps at most one finding per region of text: candidates are accepted strongest first, and a
 * candidate overlapping an accepted one is dropped. Returned in text order.
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const accepted: Candidate[] = [];
  for (const c of [...candidates].sort(outranks)) {
    if (!accepted.some((a) => c.start < a.end && a.start < c.end)) accepted.push(c);
  }
  return accepted.sort((a, b) => a.start - b.start);
}
