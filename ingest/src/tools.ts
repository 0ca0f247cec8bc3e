/**
 * Names the AI tool behind a URL. A seed list for the thin slice; the shadow-AI issue replaces it
 * with the reviewed catalog delivered to ingest and the extension.
 */
const KNOWN_TOOLS: ReadonlyArray<readonly [host: string, tool: string]> = [
  ['chatgpt.com', 'chatgpt'],
  ['chat.openai.com', 'chatgpt'],
  ['claude.ai', 'claude'],
  ['gemini.google.com', 'gemini'],
  ['copilot.microsoft.com', 'copilot'],
  ['www.perplexity.ai', 'perplexity'],
  ['perplexity.ai', 'perplexity'],
  ['chat.mistral.ai', 'mistral'],
  ['chat.deepseek.com', 'deepseek'],
];

export function identifyTool(url: URL): { tool: string; host: string } {
  const host = url.hostname.toLowerCase();
  const known = KNOWN_TOOLS.find(([h]) => host === h || host.endsWith(`.${h}`));
  return { tool: known?.[1] ?? host, host };
}
