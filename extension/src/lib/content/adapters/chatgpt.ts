import type { SiteSpec } from './site.ts';

// chatgpt.com, 2025–26: the composer is a ProseMirror editor `#prompt-textarea` (a hidden
// `textarea[name="prompt-textarea"]` mirrors it for no-JS), the send button carries
// `data-testid="send-button"`, replies are `[data-message-author-role="assistant"]` inside `main`,
// and the model switcher is `[data-testid="model-switcher-dropdown-button"]`.
export const chatgpt: SiteSpec = {
  id: 'chatgpt',
  name: 'ChatGPT',
  hosts: ['chatgpt.com', 'chat.openai.com'],
  composer: ['#prompt-textarea[contenteditable="true"]', '#prompt-textarea', 'form textarea'],
  send: ['[data-testid="send-button"]', '#composer-submit-button', 'button[aria-label*="send" i]'],
  reply: ['main'],
  model: ['[data-testid="model-switcher-dropdown-button"]'],
};
