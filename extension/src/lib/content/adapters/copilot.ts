import type { SiteSpec } from './site.ts';

// copilot.microsoft.com, 2025–26: a plain `textarea#userInput` (data-testid "composer-input"); the
// send button is labelled "Submit message" (`data-testid="submit-button"`); replies are
// `[data-content="ai-message"]` blocks in `main`. Copilot shows no model name in the page.
export const copilot: SiteSpec = {
  id: 'copilot',
  name: 'Microsoft Copilot',
  hosts: ['copilot.microsoft.com'],
  composer: ['textarea#userInput', 'textarea[data-testid="composer-input"]', 'textarea'],
  send: ['button[data-testid="submit-button"]', 'button[aria-label="Submit message" i]'],
  reply: ['main'],
  model: [],
};
