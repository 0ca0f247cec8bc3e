import type { SiteSpec } from './site.ts';

// chat.mistral.ai (Le Chat), 2025–26: a ProseMirror/TipTap editor `div.ProseMirror` (earlier a
// `textarea[name="message.text"]`); the send button is `button[type="submit"]` labelled
// "Send question"; replies render in `main`.
export const mistral: SiteSpec = {
  id: 'mistral',
  name: 'Mistral Le Chat',
  hosts: ['chat.mistral.ai'],
  composer: ['div.ProseMirror[contenteditable="true"]', 'textarea[name="message.text"]', 'textarea'],
  send: ['button[aria-label="Send question" i]', 'form button[type="submit"]'],
  reply: ['main'],
  model: [],
};
