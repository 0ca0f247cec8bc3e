/**
 * What the content script does on a page, wired from its parts: classify once, then intercept on
 * an approved tool, or show the shadow-AI notice on an unapproved one.
 */
import type { InputType, PageClass, Request, ResponseTo, Verdict } from '../messages.ts';
import { createAdapter } from './adapters/adapter.ts';
import { specForHost } from './adapters/registry.ts';
import { applyVerdict, type Outcome } from './apply-verdict.ts';
import { createUi, type Ui } from './dialog.ts';
import { intercept } from './intercept.ts';
import { createRestorer } from './restore.ts';
import { showShadowAi } from './shadow-ai.ts';

export interface SessionDeps {
  win: Window & typeof globalThis;
  /** The page's live location (`window.location`): evaluate sends the URL as it is at send time. */
  location: Pick<Location, 'href' | 'hostname'>;
  /** `sendRequest(browser.runtime.sendMessage, …)` in the extension. */
  request<R extends Request>(request: R): Promise<ResponseTo<R>>;
  ui?: Ui;
  onOutcome?(outcome: Outcome, inputType: InputType): void;
}

export type Started = 'intercepting' | 'overlay' | 'banner' | 'none';

/** The background worker is gone (extension updated or reloaded): nothing can be checked. */
function unreachable(err: unknown): Verdict {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    kind: 'unavailable',
    failMode: 'closed',
    reason: `The Kairro extension did not answer (${detail}). Reload the page and try again.`,
  };
}

export async function startSession(deps: SessionDeps): Promise<Started> {
  const { win, location } = deps;
  const page: PageClass = await deps.request({ type: 'classify', url: location.href });
  if (page.kind === 'other' || (page.kind === 'approved' && !page.applyPolicies)) return 'none';
  const ui = deps.ui ?? createUi(win.document);
  if (page.kind === 'unapproved') return showShadowAi(page, ui, win);

  const adapter = createAdapter(specForHost(location.hostname), win.document);
  const restorer = createRestorer(win.document.body, (node) => adapter.replyRoot().contains(node));
  intercept({
    win,
    adapter,
    onOutcome: deps.onOutcome,
    async decide(prompt, inputType) {
      const check = { url: location.href, prompt, inputType, model: adapter.model() };
      const verdict = await deps.request({ type: 'evaluate', check }).catch(unreachable);
      const outcome = await applyVerdict(prompt, verdict, ui);
      if (outcome.maskMapping) restorer.add(outcome.maskMapping);
      return outcome;
    },
  });
  return 'intercepting';
}
