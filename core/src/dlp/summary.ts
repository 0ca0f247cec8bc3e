import { maxSeverity, severityAtLeast } from '../policy/severity.ts';
import type { DlpMatch, DlpSummary } from './types.ts';

export function summarize(matches: readonly DlpMatch[]): DlpSummary {
  return {
    maxSeverity: maxSeverity(matches.map((m) => m.severity)),
    totalMatches: matches.length,
    highOrAbove: matches.filter((m) => severityAtLeast(m.severity, 'HIGH')).length,
    critical: matches.filter((m) => m.severity === 'CRITICAL').length,
    detectors: [...new Set(matches.map((m) => m.detector))].sort(),
  };
}
