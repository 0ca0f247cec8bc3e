import type { ToolConfig } from './types.ts';

const approved = (id: string, name: string, hosts: string[]): ToolConfig => ({
  id,
  name,
  status: 'APPROVED',
  urlPatterns: hosts.map((h) => (h.includes('/') ? `https://${h}` : `https://${h}/*`)),
  applyPolicies: true,
  // Unused for approved tools; the least surprising values if one is later unapproved.
  action: 'ALLOW',
  severity: 'LOW',
});

const unapproved = (id: string, name: string, hosts: string[]): ToolConfig => ({
  ...approved(id, name, hosts),
  status: 'UNAPPROVED',
  applyPolicies: false,
  action: 'WARN',
  severity: 'MEDIUM',
});

/**
 * The AI tools a new organisation starts with; fresh objects each call. The major assistants are
 * approved with policies applied; a few consumer chat sites are unapproved with a WARN, so shadow
 * AI is visible from day one without blocking anyone before the admin decides.
 */
export function defaultTools(): ToolConfig[] {
  return [
    approved('chatgpt', 'ChatGPT', ['chatgpt.com', 'chat.openai.com']),
    approved('claude', 'Claude', ['claude.ai']),
    approved('gemini', 'Gemini', ['gemini.google.com']),
    approved('copilot', 'Microsoft Copilot', ['copilot.microsoft.com']),
    approved('perplexity', 'Perplexity', ['perplexity.ai', 'www.perplexity.ai']),
    approved('mistral', 'Le Chat (Mistral)', ['chat.mistral.ai']),
    approved('deepseek', 'DeepSeek', ['chat.deepseek.com']),
    unapproved('poe', 'Poe', ['poe.com']),
    unapproved('character-ai', 'Character.AI', ['*.character.ai']),
    unapproved('you', 'You.com', ['you.com']),
    unapproved('huggingchat', 'HuggingChat', ['huggingface.co/chat*']),
  ];
}
