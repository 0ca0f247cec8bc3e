/**
 * Drives Kairro's in-page dialogs from a test. They live in a CLOSED shadow root, which Playwright's
 * locators do not enter (they pierce open roots only), and the extension keeps it closed so page
 * scripts cannot read the findings. The DevTools protocol sees closed roots (`pierce: true`), so the
 * test finds elements there and clicks them with the real mouse at their position, as a user would.
 */
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  localName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

export interface KairroUi {
  /** The text of the first element matching `selector` in Kairro's shadow root, or null. */
  text(selector: string): Promise<string | null>;
  /** Clicks the first element matching `selector` in Kairro's shadow root with the mouse. */
  click(selector: string): Promise<void>;
}

function findHost(node: DomNode): DomNode | undefined {
  if (node.localName === 'kairro-ui') return node;
  for (const child of node.children ?? []) {
    const hit = findHost(child);
    if (hit) return hit;
  }
  return undefined;
}

export function kairroUi(page: Page, cdp: CDPSession): KairroUi {
  /** The node id of the element, valid until the next `DOM.getDocument`. */
  const find = async (selector: string): Promise<number | null> => {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const shadow = findHost(root)?.shadowRoots?.[0];
    if (!shadow) return null;
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector });
    return nodeId || null;
  };
  return {
    async text(selector) {
      const nodeId = await find(selector);
      if (!nodeId) return null;
      const { object } = await cdp.send('DOM.resolveNode', { nodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId!,
        functionDeclaration: 'function () { return this.textContent; }',
        returnByValue: true,
      });
      return result.value as string;
    },
    async click(selector) {
      const nodeId = await find(selector);
      if (!nodeId) throw new Error(`no ${selector} in Kairro's dialog`);
      const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
      const [x1, y1, , , x3, y3] = model.content;
      await page.mouse.click((x1! + x3!) / 2, (y1! + y3!) / 2);
    },
  };
}
