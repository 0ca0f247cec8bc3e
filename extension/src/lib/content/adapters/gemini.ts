import type { SiteSpec } from './site.ts';

// gemini.google.com, 2025–26: an Angular `rich-textarea` wrapping a Quill editor
// `div.ql-editor[contenteditable="true"]`; the send button is `button.send-button` labelled
// "Send message"; replies are `model-response` elements inside `chat-window`/`infinite-scroller`;
// the mode picker shows the model in `bard-mode-switcher` / `[data-test-id="bard-mode-menu-button"]`.
export const gemini: SiteSpec = {
  id: 'gemini',
  name: 'Gemini',
  hosts: ['gemini.google.com'],
  composer: ['rich-textarea div.ql-editor[contenteditable="true"]', 'div.ql-editor[contenteditable="true"]'],
  send: ['button.send-button', 'button[aria-label="Send message" i]'],
  reply: ['chat-window', 'infinite-scroller', 'main'],
  model: ['[data-test-id="bard-mode-menu-button"]', 'bard-mode-switcher'],
};
