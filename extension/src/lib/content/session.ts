/**
 * What the content script does on a page, wired from its parts: classify, then intercept on an
 * approved tool, show the shadow-AI notice on an unapproved one (and report it, and intercept there
 * too unless it is blocked outright), only report a watched catalog tool, or look for an unknown
 * chat UI elsewhere. Single-page apps change URL without a page load, so the page is
 * classified again on every URL change and the mode switched when the answer differs.
 */
import type { InputType, PageClass, Request, ResponseTo, Verdict } from '../messages.ts';
import { createAdapter } from './adapters/adapter.ts';
import { specForHost } from './adapters/registry.ts';
import { applyVerdict, type Outcome } from './apply-verdict.ts';
import { detectChatUi } from './chat-heuristic.ts';
import { createUi, type Ui } from './dialog.ts';
import { intercept } from './intercept.ts';
import { createRestorer } from './restore.ts';
import { showShadowAi, shownAction } from './shadow-ai.ts';
import { createSightingReporter } from './sightings.ts';
import { watchUrl } from './url-watch.ts';

export interface SessionDeps {
  win: Window & typeof globalThis;
  /** The page's live location (`window.location`): evaluate sends the URL as it is at send time. */
  location: Pick<Location, 'href' | 'hostname'>;
  /** `sendRequest(browser.runtime.sendMessage, …)` in the extension. */
  request<R extends Request>(request: R): Promise<ResponseTo<R>>;
  ui?: Ui;
  onOutcome?(outcome: Outcome, inputType: InputType): void;
  /** After each classification that changed the mode (the first included). */
  onMode?(mode: Started, page: PageClass): void;
  /** The Navigation API object (default `win.navigation`) and the timer fallback's period. */
  navigation?: EventTarget | null;
  urlPollMs?: number;
  /** An unknown chat UI may render after `document_idle`: the heuristic looks once more after this. */
  heuristicRecheckMs?: number;
  /** Ends the session: stops watching the URL and undoes the current mode (tests; a page never ends it). */
  signal?: AbortSignal;
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

/** Pages with the same key need the same set-up: moving between them changes nothing. */
function modeKey(page: PageClass): string {
  switch (page.kind) {
    case 'approved':
      return page.applyPolicies ? `approved:${page.toolId}` : 'none';
    case 'unapproved':
      return `unapproved:${page.toolId}:${page.action}`;
    case 'watched':
      return `watched:${page.toolId}`;
    case 'other':
      return 'none';
  }
}

interface Mode {
  key: string;
  started: Started;
  /** Undoes what the mode set up on the page. */
  stop(): void;
}

export async function startSession(deps: SessionDeps): Promise<Started> {
  const { win, location } = deps;
  let ui: Ui | undefined = deps.ui;
  const getUi = () => (ui ??= createUi(win.document));
  const sightings = createSightingReporter((r) => deps.request(r));

  function interceptPage(): () => void {
    const adapter = createAdapter(specForHost(location.hostname), win.document);
    const restorer = createRestorer(win.document.body, (node) => adapter.replyRoot().contains(node));
    const release = intercept({
      win,
      adapter,
      onOutcome: deps.onOutcome,
      async decide(prompt, inputType) {
        const check = { url: location.href, prompt, inputType, model: adapter.model() };
        const verdict = await deps.request({ type: 'evaluate', check }).catch(unreachable);
        const outcome = await applyVerdict(prompt, verdict, getUi());
        if (outcome.maskMapping) restorer.add(outcome.maskMapping);
        if (outcome.justification !== undefined && outcome.eventId !== undefined) {
          const override = { eventId: outcome.eventId, justification: outcome.justification };
          deps.request({ type: 'warn-override', override }).catch((err: unknown) => {
            console.warn('[kairro] recording the justification failed', err);
          });
        }
        return outcome;
      },
    });
    return () => {
      release();
      restorer.stop();
    };
  }

  /** On a page no list knows: report it if it looks like an AI chat UI (now, or once it rendered). */
  function watchForChatUi(): () => void {
    const look = () => {
      const detail = detectChatUi(win.document, location.hostname);
      if (detail === null) return false;
      sightings.report(`heuristic:${location.hostname}`, {
        url: location.href,
        signal: 'heuristic',
        appliedAction: 'ALLOW',
        detail,
      });
      return true;
    };
    if (look()) return () => undefined;
    const timer = win.setTimeout(look, deps.heuristicRecheckMs ?? 3_000);
    return () => win.clearTimeout(timer);
  }

  function enter(page: PageClass): Mode {
    const key = modeKey(page);
    if (page.kind === 'unapproved') {
      const shown = showShadowAi(page, getUi(), win);
      sightings.report(`catalog:${page.toolId}`, {
        url: location.href,
        signal: 'catalog',
        appliedAction: shownAction(page.action),
        detail: page.name,
      });
      if (shown.mode === 'overlay') return { key, started: 'overlay', stop: shown.undo };
      // A tool people may still use keeps DLP: its prompts are checked as on an approved tool (the
      // backend decides at least the tool's action there, and above it what the policies say).
      const stopIntercepting = interceptPage();
      return {
        key,
        started: shown.mode === 'banner' ? 'banner' : 'intercepting',
        stop: () => {
          stopIntercepting();
          shown.undo();
        },
      };
    }
    if (page.kind === 'watched') {
      // A catalog tool the org has not decided on: the visit is reported, nothing is shown or held.
      sightings.report(`catalog:${page.toolId}`, {
        url: location.href,
        signal: 'catalog',
        appliedAction: 'ALLOW',
        detail: page.name,
      });
      return { key, started: 'none', stop: () => undefined };
    }
    if (key !== 'none') return { key, started: 'intercepting', stop: interceptPage() };
    // An approved tool without policies is known and trusted: nothing to look for there.
    return { key, started: 'none', stop: page.kind === 'other' ? watchForChatUi() : () => undefined };
  }

  let current: Mode | null = null;
  /** Bumped per classification: an answer for a URL the page already left is ignored. */
  let generation = 0;

  async function classify(href: string): Promise<Started | null> {
    const mine = ++generation;
    const page: PageClass = await deps.request({ type: 'classify', url: href });
    if (mine !== generation) return null;
    if (current && current.key === modeKey(page)) {
      // Same set-up, but the heuristic looks again on another page of an unknown site.
      if (page.kind !== 'other') return current.started;
    }
    current?.stop();
    current = enter(page);
    deps.onMode?.(current.started, page);
    return current.started;
  }

  const firstHref = location.href;
  const started = (await classify(firstHref)) ?? 'none';
  const unwatch = watchUrl({
    win,
    location,
    // A page that navigated while the first answer was on its way is classified again at once.
    handledHref: firstHref,
    navigation: deps.navigation,
    pollMs: deps.urlPollMs,
    onChange: (href) => {
      classify(href).catch((err: unknown) => console.warn('[kairro] classifying the new URL failed', err));
    },
  });
  deps.signal?.addEventListener('abort', () => {
    unwatch();
    generation++;
    current?.stop();
  });
  return started;
}
