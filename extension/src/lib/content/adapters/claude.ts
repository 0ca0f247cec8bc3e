import type { SiteSpec } from './site.ts';

// claude.ai, 2025–26: a ProseMirror editor inside `fieldset`, marked
// `div[contenteditable="true"].ProseMirror` (older builds: `[data-testid="chat-input"]`); the send
// button is labelled "Send message"/"Send Message"; replies render in `.font-claude-message` /
// `[data-is-streaming]` blocks; the model selector is `[data-testid="model-selector-dropdown"]`.
export const claude: SiteSpec = {
  id: 'claude',
  name: 'Claude',
  hosts: ['claude.ai'],
  composer: [
    '[data-testid="chat-input"]',
    'fieldset div.ProseMirror[contenteditable="true"]',
    'div.ProseMirror',
  ],
  send: ['button[aria-label="Send message" i]', 'button[aria-label*="send" i]'],
  reply: ['[data-testid="conversation-turns"]', 'main', '#main-content'],
  model: ['[data-testid="model-selector-dropdown"]'],
};
