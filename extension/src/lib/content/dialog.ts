/**
 * Kairro's in-page UI: the WARN / BLOCK / held dialogs and the shadow-AI banner and overlay. It
 * lives in a closed shadow root, so the page's CSS cannot restyle it and the page's scripts cannot
 * read the findings from it through `element.shadowRoot`. Page text only ever goes in as text.
 */
import type { FindingView } from '../messages.ts';
import type { DecisionUi, WarnChoice } from './apply-verdict.ts';
import { STYLE } from './dialog-style.ts';

export interface Ui extends DecisionUi {
  /** A dismissible bar at the top of the page. */
  banner(title: string, text: string): void;
  /** A page-covering notice that cannot be dismissed. */
  overlay(title: string, text: string): void;
  /** Removes the banner and the overlay (the page moved on to another URL); open dialogs stay. */
  clear(): void;
}

/**
 * Set on the `kairro-ui` host while the banner or the overlay shows, so tests in a real browser can
 * see them through the closed shadow root. The page could see them too; it learns nothing it could
 * not tell from the banner itself.
 */
export const BANNER_ATTR = 'data-kairro-banner';
export const OVERLAY_ATTR = 'data-kairro-overlay';

export interface UiOptions {
  /** `closed` in the extension; tests open it to click the buttons. */
  shadowMode?: ShadowRootMode;
}

type Child = Node | string;

export const MAX_JUSTIFICATION_CHARS = 500;

export function createUi(doc: Document, options: UiOptions = {}): Ui {
  let root: ShadowRoot | null = null;

  const h = (tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    for (const c of children) el.append(typeof c === 'string' ? doc.createTextNode(c) : c);
    return el;
  };

  /** The shadow root, created on first use and re-attached if the page removed the host. */
  const shadow = (): ShadowRoot => {
    if (root?.host.isConnected) return root;
    const host = h('kairro-ui', {});
    // Keys typed into the dialog (the justification) are not the page's business.
    for (const type of ['keydown', 'keyup', 'keypress', 'input', 'paste']) {
      host.addEventListener(type, (e) => e.stopPropagation());
    }
    root = host.attachShadow({ mode: options.shadowMode ?? 'closed' });
    root.append(h('style', {}, STYLE));
    doc.documentElement.append(host);
    return root;
  };

  const findingList = (findings: FindingView[]) =>
    h(
      'ul',
      { class: 'findings' },
      ...findings.map((f) =>
        h('li', {}, h('b', {}, f.detector), ` (${f.severity.toLowerCase()}): `, h('code', {}, f.snippet)),
      ),
    );
  const reasonList = (reasons: string[]) =>
    h('ul', { class: 'reasons' }, ...reasons.map((r) => h('li', {}, r)));

  /** Shows one modal at a time; returns a function that closes it. */
  const modal = (kind: string, title: string, ...body: Child[]): { box: HTMLElement; close: () => void } => {
    const r = shadow();
    r.querySelector('.backdrop')?.remove();
    const box = h(
      'div',
      { class: `dialog ${kind}`, role: 'alertdialog', 'aria-modal': 'true' },
      h('h2', {}, title),
      ...body,
    );
    const backdrop = h('div', { class: 'backdrop' }, box);
    r.append(backdrop);
    return { box, close: () => backdrop.remove() };
  };

  const notice = (kind: string, title: string, ...body: Child[]) => {
    const ok = h('button', { class: 'primary', 'data-action': 'ok' }, 'OK');
    const { close } = modal(kind, title, ...body, h('div', { class: 'actions' }, ok));
    ok.addEventListener('click', close);
    ok.focus();
  };

  return {
    warn(findings, reasons) {
      return new Promise<WarnChoice>((resolve) => {
        const edit = h('button', { 'data-action': 'edit' }, 'Edit');
        const anyway = h('button', { class: 'danger', 'data-action': 'send-anyway' }, 'Send anyway');
        // Nothing found: the warning is about where the prompt goes (an unapproved tool).
        const { box, close } = modal(
          'warn',
          findings.length > 0 ? 'This prompt contains sensitive data' : 'Check before sending',
          ...(findings.length > 0 ? [h('p', {}, 'Kairro found:'), findingList(findings)] : []),
          reasonList(reasons),
          h('div', { class: 'actions' }, edit, anyway),
        );
        const done = (choice: WarnChoice) => {
          close();
          resolve(choice);
        };
        edit.addEventListener('click', () => done({ choice: 'edit' }));
        anyway.addEventListener('click', () => {
          const reason = h('textarea', {
            maxlength: String(MAX_JUSTIFICATION_CHARS),
            rows: '2',
            placeholder: 'Why does this need to be sent?',
          }) as HTMLTextAreaElement;
          const confirm = h('button', { class: 'danger', 'data-action': 'confirm', disabled: '' }, 'Send');
          const back = h('button', { 'data-action': 'edit' }, 'Edit');
          reason.addEventListener('input', () => {
            confirm.toggleAttribute('disabled', reason.value.trim() === '');
          });
          back.addEventListener('click', () => done({ choice: 'edit' }));
          confirm.addEventListener('click', () => {
            const justification = reason.value.trim().slice(0, MAX_JUSTIFICATION_CHARS);
            if (justification) done({ choice: 'send', justification });
          });
          box
            .querySelector('.actions')
            ?.replaceWith(
              h('label', {}, 'Justification (kept with this decision)', reason),
              h('div', { class: 'actions' }, back, confirm),
            );
          reason.focus();
        });
        edit.focus();
      });
    },
    block(findings, reasons) {
      notice(
        'block',
        'Prompt blocked',
        h('p', {}, "Your organization's policy does not allow sending this prompt. Nothing was sent."),
        reasonList(reasons),
        ...(findings.length > 0 ? [findingList(findings)] : []),
      );
    },
    held(reason) {
      notice(
        'held',
        'Prompt held',
        h('p', {}, 'Kairro could not check this prompt, and your organization holds unchecked prompts.'),
        h('p', { class: 'why' }, reason),
      );
    },
    banner(title, text) {
      const r = shadow();
      r.querySelector('.banner')?.remove();
      const dismiss = h('button', { 'aria-label': 'Dismiss', 'data-action': 'dismiss' }, '×');
      const bar = h('div', { class: 'banner', role: 'status' }, h('b', {}, title), ` ${text}`, dismiss);
      dismiss.addEventListener('click', () => {
        bar.remove();
        r.host.removeAttribute(BANNER_ATTR);
      });
      r.append(bar);
      r.host.setAttribute(BANNER_ATTR, '');
    },
    overlay(title, text) {
      modal('block overlay', title, h('p', {}, text));
      shadow().host.setAttribute(OVERLAY_ATTR, '');
    },
    clear() {
      if (!root) return;
      root.querySelector('.banner')?.remove();
      root.querySelector('.overlay')?.closest('.backdrop')?.remove();
      root.host.removeAttribute(BANNER_ATTR);
      root.host.removeAttribute(OVERLAY_ATTR);
    },
  };
}
