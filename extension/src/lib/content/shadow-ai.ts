/**
 * An AI tool the org has not approved ("shadow AI"). For now the extension only shows the org's
 * configured action on the page; reporting the visit to the backend comes with shadow-AI events.
 */
import type { PageClass } from '../messages.ts';
import type { Ui } from './dialog.ts';

type Unapproved = Extract<PageClass, { kind: 'unapproved' }>;

/** Swallows input aimed at the page so a blocked tool cannot be used from the keyboard either. */
function freeze(win: Window): void {
  const stop = (e: Event) => {
    if ((e.target as Element | null)?.localName === 'kairro-ui') return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  for (const type of ['keydown', 'keypress', 'paste', 'drop', 'submit', 'click'])
    win.addEventListener(type, stop, true);
}

/** What was shown: BLOCK covers the page, WARN and MASK show a banner, ALLOW shows nothing. */
export function showShadowAi(page: Unapproved, ui: Ui, win: Window): 'overlay' | 'banner' | 'none' {
  switch (page.action) {
    case 'BLOCK':
      ui.overlay(
        `${page.name} is not approved`,
        `Your organization does not allow ${page.name} for work. Please use one of the approved AI tools.`,
      );
      freeze(win);
      return 'overlay';
    case 'WARN':
    case 'MASK':
      // MASK needs the prompt, which an unapproved tool's page does not hand to Kairro: warn instead.
      ui.banner(
        `${page.name} is not an approved AI tool.`,
        'Do not paste company or personal data here; use an approved tool instead.',
      );
      return 'banner';
    case 'ALLOW':
      return 'none';
  }
}
