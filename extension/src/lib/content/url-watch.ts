/**
 * Tells the content script when a single-page app moved to another URL without a page load.
 * Content scripts run in an isolated world: wrapping `history.pushState` here would only wrap our
 * own copy, never the page's calls. Events on shared objects do cross worlds, so where the
 * Navigation API exists (Chromium) its `currententrychange` / `navigatesuccess` events report
 * every same-document navigation, the page's pushState included. Elsewhere a cheap string compare
 * of `location.href` runs on a timer, on `popstate` and when the tab becomes visible.
 */

export interface UrlWatchDeps {
  win: Window;
  /** The live location; read on every check. */
  location: Pick<Location, 'href'>;
  /** Called with the new URL (fragment removed) when it differs from the last one seen. */
  onChange(href: string): void;
  /**
   * The URL the caller already handled; default the current one. When the page moved on since
   * (while the caller was busy with it), `onChange` is called at once.
   */
  handledHref?: string;
  /** The Navigation API object; default `win.navigation` where the browser has it. */
  navigation?: EventTarget | null;
  /** Timer fallback without the Navigation API; default 1 s. */
  pollMs?: number;
}

/** The fragment never changes what a page is (tool patterns match path and query). */
export function withoutFragment(href: string): string {
  const hash = href.indexOf('#');
  return hash === -1 ? href : href.slice(0, hash);
}

/** Starts watching; returns the function that stops it. */
export function watchUrl(deps: UrlWatchDeps): () => void {
  const { win, location } = deps;
  let last = withoutFragment(deps.handledHref ?? location.href);
  const check = () => {
    const now = withoutFragment(location.href);
    if (now === last) return;
    last = now;
    deps.onChange(now);
  };

  const navigation =
    deps.navigation !== undefined
      ? deps.navigation
      : ((win as { navigation?: EventTarget }).navigation ?? null);
  const stops: (() => void)[] = [];
  const listen = (target: EventTarget, type: string) => {
    target.addEventListener(type, check);
    stops.push(() => target.removeEventListener(type, check));
  };

  listen(win, 'popstate');
  if (navigation) {
    listen(navigation, 'currententrychange');
    listen(navigation, 'navigatesuccess');
  } else {
    listen(win.document, 'visibilitychange');
    const timer = win.setInterval(check, deps.pollMs ?? 1_000);
    stops.push(() => win.clearInterval(timer));
  }
  check();
  return () => {
    for (const stop of stops) stop();
  };
}
