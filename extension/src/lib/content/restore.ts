/**
 * After a MASK, the AI answers with placeholders (`[EMAIL_1]`). This puts the originals back into
 * the reply as it appears, in this page's DOM only: nothing leaves the page, and the AI never saw
 * the originals. Editable text is never touched, so a masked prompt in the composer stays masked.
 */

export interface Restorer {
  /** Adds a MASK's mapping; placeholders already shown are replaced at once. */
  add(mapping: Record<string, string>): void;
  stop(): void;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isEditable(node: Node): boolean {
  const el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el?.closest('textarea, input, [contenteditable]:not([contenteditable="false"])') != null;
}

/**
 * `root` is observed (the body: reply containers come and go as the page navigates); `inReply`
 * says whether a text node is part of the AI's reply.
 */
export function createRestorer(
  root: Node,
  inReply: (node: Node) => boolean,
  Observer: typeof MutationObserver = root.ownerDocument?.defaultView?.MutationObserver ?? MutationObserver,
): Restorer {
  const mapping = new Map<string, string>();
  let pattern: RegExp | null = null;
  let observer: MutationObserver | null = null;

  const restoreText = (node: Text) => {
    if (!pattern || !node.data.includes('[') || isEditable(node) || !inReply(node)) return;
    pattern.lastIndex = 0;
    if (!pattern.test(node.data)) return;
    node.data = node.data.replace(pattern, (p) => mapping.get(p) ?? p);
  };

  const walk = (node: Node) => {
    if (node.nodeType === TEXT_NODE) return restoreText(node as Text);
    for (const child of Array.from(node.childNodes)) walk(child);
  };

  const onMutations = (records: MutationRecord[]) => {
    for (const r of records) {
      if (r.type === 'characterData') walk(r.target);
      else for (const n of Array.from(r.addedNodes)) walk(n);
    }
  };

  return {
    add(more) {
      for (const [placeholder, original] of Object.entries(more)) mapping.set(placeholder, original);
      if (mapping.size === 0) return;
      // Longest first, so `[EMAIL_10]` is not read as `[EMAIL_1]` followed by `0]`.
      const keys = [...mapping.keys()].sort((a, b) => b.length - a.length).map(escape);
      pattern = new RegExp(keys.join('|'), 'g');
      walk(root);
      if (observer) return;
      observer = new Observer(onMutations);
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    },
    stop() {
      observer?.disconnect();
      observer = null;
    },
  };
}
