import type { SiteSpec } from './site.ts';

// Any other approved tool (an internal assistant, a self-hosted chat UI): the first visible-by-markup
// prompt box and a button that looks like "send". Most chat UIs (Open WebUI, LibreChat, Azure AI
// Foundry's playground) match one of these.
export const generic: SiteSpec = {
  id: 'generic',
  name: 'Generic',
  hosts: [],
  composer: [
    'textarea:not([readonly]):not([disabled])',
    '[contenteditable="true"][role="textbox"]',
    '[contenteditable="true"]',
    '[contenteditable="plaintext-only"]',
  ],
  send: [
    'button[data-testid*="send" i]',
    'button[aria-label*="send" i]',
    'button[aria-label*="submit" i]',
    'button[title*="send" i]',
    'form button[type="submit"]',
  ],
  reply: ['main', '[role="main"]'],
  model: [],
};
