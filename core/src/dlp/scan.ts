import { compileAllowlist, type Allowlist } from './allowlist.ts';
import { BUILTIN_DETECTORS } from './detectors/index.ts';
import { findCandidates, type Candidate } from './find.ts';
import { selectDetectors } from './prefilter.ts';
import { digitRegion } from './text-index.ts';
import { resolveOverlaps } from './resolve.ts';
import { buildSnippet, type Span } from './snippet.ts';
import { summarize } from './summary.ts';
import type { Detector, DlpMatch, DlpResult, ScanTarget } from './types.ts';

export interface ScanOptions {
  target?: ScanTarget;
  /** Defaults to BUILTIN_DETECTORS; an org passes the built-ins plus its own. */
  detectors?: readonly Detector[];
  allowlist?: Allowlist;
  /** Adds `why` to every match (the console's test bench, audits). */
  explain?: boolean;
}

/** Finds sensitive data in `text`. Pure and synchronous; offsets are JS string indices. */
export function scanText(text: string, opts: ScanOptions = {}): DlpResult {
  const detectors = opts.detectors ?? BUILTIN_DETECTORS;
  const target = opts.target ?? 'prompt';
  const explain = opts.explain === true;
  const selected = selectDetectors(text, detectors, target);
  const candidates: Candidate[] = [];
  let region: { from: number; to: number } | undefined;
  for (let i = 0; i < detectors.length; i++) {
    if (!selected[i]) continue;
    const detector = detectors[i]!;
    // Digit-driven rules only look where digits are dense: in a long prompt with a short table
    // of numbers, that is a small part of the text.
    if ((detector.minDigits ?? 0) > 0) {
      region ??= digitRegion();
      findCandidates(detector, i, text, explain, candidates, region.from, region.to);
    } else findCandidates(detector, i, text, explain, candidates);
  }
  if (candidates.length === 0) return { matches: [], summary: summarize([]) };
  const allows = compileAllowlist(opts.allowlist);
  // Allowlisted values are dropped after overlaps are resolved, so a weaker rule cannot report
  // the same characters instead.
  const resolved = resolveOverlaps(candidates);
  const kept = allows
    ? resolved.filter((c) => !allows(c.detector.type, text.slice(c.start, c.end)))
    : resolved;
  const spans: Span[] = new Array<Span>(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const c = kept[i]!;
    spans[i] = { start: c.start, end: c.end, detector: c.detector.type };
  }
  const matches: DlpMatch[] = new Array<DlpMatch>(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const c = kept[i]!;
    const match: DlpMatch = {
      detector: c.detector.type,
      ruleId: c.detector.id,
      severity: c.detector.severity,
      start: c.start,
      end: c.end,
      snippet: buildSnippet(text, spans, i),
      target,
      confidence: c.confidence,
    };
    if (explain) match.why = c.why ?? [];
    matches[i] = match;
  }
  return { matches, summary: summarize(matches) };
}
