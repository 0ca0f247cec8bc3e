/** What masking needs from a finding; DlpMatch satisfies it. */
export interface MaskSpan {
  detector: string;
  start: number;
  end: number;
}

/**
 * Replaces each finding with a typed placeholder (`[EMAIL_1]`, `[CREDIT_CARD_2]`), numbered per
 * type in text order; a value seen twice gets the same placeholder so the AI can still tell the
 * two mentions are one thing. A number whose placeholder already appears in the text is skipped,
 * so unmasking never rewrites text the user wrote. Overlapping findings merge into one.
 */
export function maskText(
  text: string,
  matches: readonly MaskSpan[],
): { masked: string; mapping: Record<string, string> } {
  const sorted = [...matches]
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const mapping: Record<string, string> = {};
  const byValue = new Map<string, string>();
  const next = new Map<string, number>();
  let masked = '';
  let pos = 0;
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    const start = Math.max(pos, Math.min(m.start, text.length));
    let end = Math.min(m.end, text.length);
    if (end <= start) continue;
    // Swallow later findings that overlap this one so no fragment stays in clear.
    while (i + 1 < sorted.length && sorted[i + 1]!.start < end) end = Math.max(end, sorted[++i]!.end);
    end = Math.min(end, text.length);
    const value = text.slice(start, end);
    const key = `${m.detector}\u0000${value}`;
    let placeholder = byValue.get(key);
    if (placeholder === undefined) {
      let n = next.get(m.detector) ?? 1;
      while (text.includes(`[${m.detector}_${n}]`)) n++;
      placeholder = `[${m.detector}_${n}]`;
      next.set(m.detector, n + 1);
      byValue.set(key, placeholder);
      mapping[placeholder] = value;
    }
    masked += text.slice(pos, start) + placeholder;
    pos = end;
  }
  return { masked: masked + text.slice(pos), mapping };
}

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;

/**
 * Puts the originals back into text that contains placeholders (typically the AI's answer). One
 * pass, so an original value that itself looks like a placeholder is never expanded again.
 */
export function unmaskText(text: string, mapping: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (ph) => (Object.hasOwn(mapping, ph) ? mapping[ph]! : ph));
}
