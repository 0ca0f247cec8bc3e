import { severityRank } from '../policy/severity.ts';
import type { DlpMatch, DlpSummary } from './types.ts';

const HIGH = severityRank('HIGH');

/** Risk signals for one scan, in a single pass (it runs on every prompt with findings). */
export function summarize(matches: readonly DlpMatch[]): DlpSummary {
  if (matches.length === 0) {
    return { maxSeverity: null, totalMatches: 0, highOrAbove: 0, critical: 0, detectors: [] };
  }
  let max = matches[0]!.severity;
  let maxRank = severityRank(max);
  let highOrAbove = 0;
  let critical = 0;
  const detectors = new Set<string>();
  for (const m of matches) {
    const rank = severityRank(m.severity);
    if (rank > maxRank) {
      max = m.severity;
      maxRank = rank;
    }
    if (rank >= HIGH) highOrAbove++;
    if (m.severity === 'CRITICAL') critical++;
    detectors.add(m.detector);
  }
  return {
    maxSeverity: max,
    totalMatches: matches.length,
    highOrAbove,
    critical,
    detectors: [...detectors].sort(),
  };
}
