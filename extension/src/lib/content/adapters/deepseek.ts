import type { SiteSpec } from './site.ts';

// chat.deepseek.com, 2025–26: a plain `textarea#chat-input`; the send control is an icon
// `div[role="button"]` with `aria-disabled` and a hashed class, while the "DeepThink"/"Search"
// toggles are `div.ds-button[role="button"]`; replies are `.ds-markdown` blocks. Since the hashed
// class changes with every release, a held Enter is replayed as Enter rather than as a click.
export const deepseek: SiteSpec = {
  id: 'deepseek',
  name: 'DeepSeek',
  hosts: ['chat.deepseek.com'],
  composer: ['textarea#chat-input', 'textarea'],
  send: ['div[role="button"][aria-disabled]:not(.ds-button)', 'button[type="submit"]'],
  reply: ['main', '#root'],
  model: [],
  submitBy: 'enter',
};
