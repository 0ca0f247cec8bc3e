import type { SiteSpec } from './site.ts';

// chat.deepseek.com, 2025–26: a plain `textarea#chat-input`; the send control is a
// `div[role="button"]` (class names are hashed, so it is found by role next to the composer) with
// `aria-disabled`; replies are `.ds-markdown` blocks.
export const deepseek: SiteSpec = {
  id: 'deepseek',
  name: 'DeepSeek',
  hosts: ['chat.deepseek.com'],
  composer: ['textarea#chat-input', 'textarea'],
  send: ['div[role="button"][aria-disabled]', 'button[type="submit"]'],
  reply: ['main', '#root'],
  model: [],
};
