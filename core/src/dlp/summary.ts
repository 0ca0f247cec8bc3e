import { maxSeverity, severityAtLeast } from '../policy/severity.ts';
import type { DlpMatch, DlpSummary } from './types.ts';

export function summarize(matches: readonly DlpMatch[]): DlpSummary {
  // Most prompts are clean: skip the array work for them.
  if (matches.length === 0) {
    return { maxSeverity: null, totalMatches: 0, highOrAbove: 0, critical: 0, detectors: [] };
  }
  return {
    maxSeverity: maxSeverity(matches.map((m) => m.severity)),
    totalMatches: matches.length,
    highOrAbove: matches.filter((m) => severityAtLeast(m.severity, 'HIGH')).length,
    critical: matches.filter((m) => m.severity === 'CRITICAL').length,
    detectors: [...new Set(matches.map((m) => m.detector))].sort(),
  };
}
