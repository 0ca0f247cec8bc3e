import { insertPrompt, readPrompt, writePrompt } from '../prompt-text.ts';
import type { SiteSpec } from './site.ts';

/** What interception needs from a page, whatever the site. */
export interface Adapter {
  readonly spec: SiteSpec;
  composer(): HTMLElement | null;
  /** The composer `target` is in (or is), if any. */
  composerOf(target: EventTarget | null): HTMLElement | null;
  /** The send button `target` is in (or is), if any. */
  sendButtonOf(target: EventTarget | null): HTMLElement | null;
  sendButton(): HTMLElement | null;
  /** Where the AI's replies appear; the body when the site's container is not found. */
  replyRoot(): Element;
  model(): string | undefined;
  read(composer: HTMLElement): string;
  write(composer: HTMLElement, text: string): void;
  insert(composer: HTMLElement, text: string): void;
  /** Sends what the composer holds, the way the user would: `button` (the one clicked), else Enter. */
  submit(composer: HTMLElement, button?: HTMLElement | null): void;
}

const MAX_MODEL_CHARS = 80;

function first(root: ParentNode, selectors: readonly string[]): HTMLElement | null {
  for (const s of selectors) {
    const el = root.querySelector<HTMLElement>(s);
    if (el) return el;
  }
  return null;
}

function closest(target: EventTarget | null, selectors: readonly string[]): HTMLElement | null {
  const el = target as Partial<Element> | null;
  if (!el || typeof el.closest !== 'function') return null;
  for (const s of selectors) {
    const hit = el.closest<HTMLElement>(s);
    if (hit) return hit;
  }
  return null;
}

function isDisabled(button: HTMLElement): boolean {
  return button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true';
}

export function createAdapter(spec: SiteSpec, doc: Document): Adapter {
  const adapter: Adapter = {
    spec,
    composer: () => first(doc, spec.composer),
    composerOf: (target) => closest(target, spec.composer),
    sendButtonOf: (target) => closest(target, spec.send),
    sendButton: () => first(doc, spec.send),
    replyRoot: () => first(doc, spec.reply) ?? doc.body,
    model: () => {
      const text = first(doc, spec.model)?.textContent?.trim();
      return text ? text.slice(0, MAX_MODEL_CHARS) : undefined;
    },
    read: readPrompt,
    write: writePrompt,
    insert: insertPrompt,
    submit: (composer, clicked) => {
      const button = clicked ?? (spec.submitBy === 'enter' ? null : adapter.sendButton());
      if (button && !isDisabled(button)) {
        button.click();
        return;
      }
      const view = doc.defaultView;
      const Ctor = view?.KeyboardEvent ?? view?.Event ?? Event;
      const enter = new Ctor('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true });
      // Synthetic events cannot set keyCode through their init, and some sites still test it;
      // environments without KeyboardEvent get a readable key the same way.
      for (const [name, value] of Object.entries({ key: 'Enter', code: 'Enter', keyCode: 13, which: 13 })) {
        Object.defineProperty(enter, name, { value });
      }
      composer.dispatchEvent(enter);
    },
  };
  return adapter;
}
