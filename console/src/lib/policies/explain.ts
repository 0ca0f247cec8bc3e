// Helpers of the explain view: a page URL for a tool, and the metadata text box.
import type { Tool, TraceStep } from '../api/policy-types.ts';

/**
 * A URL a tool's match pattern matches, to explain a prompt "on" that tool:
 * `https://chatgpt.com/*` → `https://chatgpt.com/`, `*://*.example.ai/chat/*` → `https://example.ai/chat/`.
 */
export function urlFromPattern(pattern: string): string | null {
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)?$/.exec(pattern.trim());
  if (!m) return null;
  const scheme = m[1] === '*' ? 'https' : m[1];
  const host = m[2]!.replace(/^\*\./, '');
  if (host === '*' || host.includes('*')) return null;
  const path = (m[3] ?? '/').replace(/\*.*$/, '');
  return `${scheme}://${host}${path || '/'}`;
}

/** The tools one can explain on, with a URL each (tools whose patterns give none are left out). */
export function toolUrls(tools: readonly Tool[]): Array<{ id: string; name: string; url: string }> {
  const out: Array<{ id: string; name: string; url: string }> = [];
  for (const t of tools) {
    const url = t.urlPatterns.map(urlFromPattern).find((u) => u !== null);
    if (url) out.push({ id: t.id, name: t.name, url });
  }
  return out;
}

/** `key=value` per line (blank lines ignored) → a record, or the first line that is not one. */
export function parseMetadata(
  text: string,
): { ok: true; value: Record<string, string> } | { ok: false; line: string } {
  const value: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, line };
    value[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { ok: true, value };
}

/** Steps that decided or matched: the ones the trace highlights. */
export function isHighlighted(step: Pick<TraceStep, 'outcome'>): boolean {
  return step.outcome === 'matched' || step.outcome === 'decided';
}
