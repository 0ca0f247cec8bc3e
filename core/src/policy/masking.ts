import { maskText, type MaskSpan } from '../dlp/mask.ts';
import type { RuleFired } from './rule-match.ts';

/**
 * Placeholder type for text a rule's regex matched: `[PATTERN_1]`. A regex has no detector type,
 * and naming the rule or its severity would leak policy internals into the AI's context; a fixed
 * label keeps placeholders stable and matches unmaskText's `[TYPE_N]` shape.
 */
export const PATTERN_LABEL = 'PATTERN';

/**
 * Masks exactly what the firing MASK rules matched in the prompt: their DLP findings and their
 * regex matches. Findings in a scanned reply are not the prompt's, so they are left out.
 * A MASK rule that matched no span (e.g. a TOKEN_LIMIT rule) leaves the prompt as it is.
 */
export function maskFired(
  prompt: string,
  fired: readonly RuleFired[],
): { maskedPrompt: string; maskMapping: Record<string, string> } {
  const spans: MaskSpan[] = [];
  for (const f of fired) {
    for (const m of f.findings) if (m.target === 'prompt') spans.push(m);
    for (const s of f.patternSpans) spans.push({ detector: PATTERN_LABEL, start: s.start, end: s.end });
  }
  const { masked, mapping } = maskText(prompt, spans);
  return { maskedPrompt: masked, maskMapping: mapping };
}
