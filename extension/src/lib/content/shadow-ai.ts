/**
 * An AI tool the org has not approved ("shadow AI"): the org's configured action on the page.
 * Reporting the visit is the session's job (one sighting per tool per page load).
 */
import type { PageClass, ShadowSighting } from '../messages.ts';
import type { Ui } from './dialog.ts';

type Unapproved = Extract<PageClass, { kind: 'unapproved' }>;

/** Swallows input aimed at the page so a blocked tool cannot be used from the keyboard either. */
function freeze(win: Window): () => void {
  const stop = (e: Event) => {
    if ((e.target as Element | null)?.localName === 'kairro-ui') return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const types = ['keydown', 'keypress', 'paste', 'drop', 'submit', 'click'];
  for (const type of types) win.addEventListener(type, stop, true);
  return () => {
    for (const type of types) win.removeEventListener(type, stop, true);
  };
}

/** What the page shows for the org's action: MASK needs the prompt, which this page does not give. */
export function shownAction(action: Unapproved['action']): ShadowSighting['appliedAction'] {
  return action === 'MASK' ? 'WARN' : action;
}

export interface ShadowAiShown {
  mode: 'overlay' | 'banner' | 'none';
  /** Removes the notice and lets input through again (the SPA moved to another page). */
  undo(): void;
}

/** BLOCK covers the page, WARN and MASK show a banner, ALLOW shows nothing. */
export function showShadowAi(page: Unapproved, ui: Ui, win: Window): ShadowAiShown {
  switch (shownAction(page.action)) {
    case 'BLOCK': {
      ui.overlay(
        `${page.name} is not approved`,
        `Your organization does not allow ${page.name} for work. Please use one of the approved AI tools.`,
      );
      const unfreeze = freeze(win);
      return {
        mode: 'overlay',
        undo: () => {
          unfreeze();
          ui.clear();
        },
      };
    }
    case 'WARN':
      ui.banner(
        `${page.name} is not an approved AI tool.`,
        'Do not paste company or personal data here; use an approved tool instead.',
      );
      return { mode: 'banner', undo: () => ui.clear() };
    case 'ALLOW':
      return { mode: 'none', undo: () => undefined };
  }
}
