import type { SiteSpec } from './site.ts';

// perplexity.ai, 2025–26: the ask box moved from `textarea` to a Lexical editor
// `#ask-input[contenteditable="true"]`; both are listed. The submit button is
// `button[data-testid="submit-button"]` (labelled "Submit"); answers render in `main` under `.prose`.
export const perplexity: SiteSpec = {
  id: 'perplexity',
  name: 'Perplexity',
  hosts: ['perplexity.ai', 'www.perplexity.ai'],
  composer: ['#ask-input', 'div[contenteditable="true"][role="textbox"]', 'textarea[placeholder]'],
  send: ['button[data-testid="submit-button"]', 'button[aria-label="Submit" i]'],
  reply: ['main'],
  model: ['button[aria-label="Choose a model" i]'],
};
