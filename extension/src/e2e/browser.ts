/**
 * Chromium with the built extension loaded, and tabs on the imitation pages with what a test needs
 * from them: wait until Kairro intercepts, type and send the way a user does, read what the page's
 * own handlers received, and drive Kairro's dialogs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../test/helpers/browser.ts';
import { eventually } from '../../../test/helpers/platform.ts';
import type { BuiltExtension } from './build.ts';
import { kairroUi, type KairroUi } from './kairro-ui.ts';
import type { ToolPage } from './tool-pages.ts';
import type { ToolServer } from './tool-server.ts';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** A chrome-extension:// page of Kairro's (`options.html`, `popup.html`). */
  extensionPage(path: string): Promise<Page>;
  open(page: ToolPage): Promise<ToolTab>;
  close(): Promise<void>;
}

/** What the page's own handlers received (see `tool-pages.ts`). */
export interface Received {
  text: string;
  via: 'click' | 'enter';
}

/** As the page records it: also when (`performance.now()`), for the benchmark. */
export interface ReceivedAt extends Received {
  at: number;
}

export interface ToolTab {
  page: Page;
  ui: KairroUi;
  /** Resolves once Kairro's content script has classified the page and intercepts prompts. */
  intercepting(): Promise<void>;
  /** Resolves once the content script follows the page's own navigations (pushState). */
  watchingUrl(): Promise<void>;
  /** Replaces the composer's text, as typing would. */
  type(text: string): Promise<void>;
  send(how: 'enter' | 'click'): Promise<void>;
  composerText(): Promise<string>;
  received(): Promise<Received[]>;
  receivedAt(): Promise<ReceivedAt[]>;
  /** The texts of the page's replies, as shown (after Kairro restored any placeholders). */
  replies(): Promise<string[]>;
}

/** `built: null` launches the same browser without the extension (the benchmark's baseline). */
export async function launchWithExtension(
  built: BuiltExtension | null,
  tools: ToolServer,
): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'kairro-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [
      ...(built ? [`--disable-extensions-except=${built.dir}`, `--load-extension=${built.dir}`] : []),
      ...CHROMIUM_ARGS,
      ...tools.chromiumArgs,
    ],
  });
  return {
    context,
    async extensionPage(path) {
      if (!built) throw new Error('this browser runs without the extension');
      const page = await context.newPage();
      await page.goto(`chrome-extension://${built.id}/${path}`);
      return page;
    },
    async open(tool) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await page.goto(tools.url(tool));
      return toolTab(page, cdp, tool);
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

interface ExecutionContext {
  id: number;
  name: string;
  auxData?: { type?: string; frameId?: string };
}

/**
 * Whether Kairro's content script has a listener on `target` (an expression in its isolated world,
 * "Kairro") that `matches`: its listeners show what it set up, which nothing in the page does.
 */
async function kairroListens(
  cdp: CDPSession,
  target: 'window' | 'navigation',
  matches: (l: { type: string; useCapture: boolean }) => boolean,
): Promise<boolean> {
  const contexts: ExecutionContext[] = [];
  const onContext = ({ context }: { context: ExecutionContext }) => contexts.push(context);
  cdp.on('Runtime.executionContextCreated', onContext);
  try {
    // Enabling reports every existing context.
    await cdp.send('Runtime.enable');
    const world = contexts.find((c) => c.name === 'Kairro' && c.auxData?.type === 'isolated');
    if (!world) return false;
    const { result } = await cdp.send('Runtime.evaluate', { expression: target, contextId: world.id });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    return listeners.some(matches);
  } finally {
    cdp.off('Runtime.executionContextCreated', onContext);
    await cdp.send('Runtime.disable');
  }
}

function toolTab(page: Page, cdp: CDPSession, tool: ToolPage): ToolTab {
  const composer = page.locator(tool.composer);
  // Typed without the DOM library: the root project (the benchmark) type-checks this file too.
  const receivedAt = () =>
    page.evaluate(() => (globalThis as unknown as { received: ReceivedAt[] }).received);
  return {
    page,
    ui: kairroUi(page, cdp),
    async intercepting() {
      // Interception listens on the window in the capture phase.
      await eventually(
        () => kairroListens(cdp, 'window', (l) => l.type === 'keydown' && l.useCapture),
        10_000,
      );
    },
    async watchingUrl() {
      // The first classification is done once the content script follows same-document navigations.
      await eventually(
        () => kairroListens(cdp, 'navigation', (l) => l.type === 'currententrychange'),
        10_000,
      );
    },
    async type(text) {
      await composer.fill(text);
    },
    async send(how) {
      if (how === 'click') await page.locator(tool.send).click();
      else await composer.press('Enter');
    },
    composerText: () =>
      composer.evaluate((el) => {
        const box = el as unknown as { value?: string; innerText: string };
        return (box.value ?? box.innerText).trim();
      }),
    received: async () => (await receivedAt()).map(({ text, via }) => ({ text, via })),
    receivedAt,
    replies: () => page.locator(`${tool.replies} .reply`).allTextContents(),
  };
}
