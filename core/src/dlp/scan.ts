import { SEED_DETECTORS } from './detectors/index.ts';
import { findCandidates } from './find.ts';
import { resolveOverlaps } from './resolve.ts';
import { buildSnippet } from './snippet.ts';
import { summarize } from './summary.ts';
import type { Detector, DlpMatch, DlpResult, ScanTarget } from './types.ts';

export interface ScanOptions {
  target?: ScanTarget;
  /** Defaults to SEED_DETECTORS; injectable so tests and later org-specific rules can vary it. */
  detectors?: readonly Detector[];
}

/** Finds sensitive data in `text`. Pure and synchronous; offsets are JS string indices. */
export function scanText(text: string, opts: ScanOptions = {}): DlpResult {
  const detectors = opts.detectors ?? SEED_DETECTORS;
  const target = opts.target ?? 'prompt';
  const lower = text.toLowerCase();
  const candidates = detectors.flatMap((d, i) => findCandidates(d, i, text, lower));
  const spans = resolveOverlaps(candidates).map((c) => ({
    start: c.start,
    end: c.end,
    detector: c.detector.type,
    ruleId: c.detector.id,
    severity: c.detector.severity,
  }));
  const matches: DlpMatch[] = spans.map((s, i) => ({
    detector: s.detector,
    ruleId: s.ruleId,
    severity: s.severity,
    start: s.start,
    end: s.end,
    snippet: buildSnippet(text, spans, i),
    target,
  }));
  return { matches, summary: summarize(matches) };
}
