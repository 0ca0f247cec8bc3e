import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageClass, Request, Verdict } from '../messages.ts';
import { createUi } from './dialog.ts';
import { dom, fixture } from './fixtures/dom.ts';
import { startSession, type SessionDeps, type Started } from './session.ts';

type Answer = { classify: PageClass | ((url: string) => PageClass); evaluate: Verdict | Error };

let sessions = new AbortController();
afterEach(() => {
  sessions.abort();
  sessions = new AbortController();
});

type Options = Partial<SessionDeps> & { html?: string };

function setup(answer: Answer, href = 'https://chatgpt.com/c/42', options: Options = {}) {
  const { html, ...opts } = options;
  const { win, doc } = dom(html ?? fixture('chatgpt'));
  const requests: Request[] = [];
  const ui = createUi(doc, { shadowMode: 'open' });
  const held = vi.spyOn(ui, 'held');
  const request = vi.fn(async (r: Request) => {
    requests.push(r);
    if (r.type === 'shadow-sighting' || r.type === 'warn-override') return { queued: true };
    if (r.type === 'classify')
      return typeof answer.classify === 'function' ? answer.classify(r.url) : answer.classify;
    if (answer.evaluate instanceof Error) throw answer.evaluate;
    return answer.evaluate;
  });
  const location = new URL(href);
  const modes: Started[] = [];
  const started = startSession({
    win,
    location,
    ui,
    request: request as SessionDeps['request'],
    urlPollMs: 5,
    heuristicRecheckMs: 5,
    onMode: (mode) => modes.push(mode),
    signal: sessions.signal,
    ...opts,
  });
  const enter = () => {
    const e = new win.Event('keydown', { bubbles: true, cancelable: true });
    Object.assign(e, { key: 'Enter' });
    doc.querySelector('#prompt-textarea')!.dispatchEvent(e);
    return e;
  };
  const of = <T extends Request['type']>(type: T) =>
    requests.filter((r): r is Extract<Request, { type: T }> => r.type === type);
  return { win, doc, ui, requests, of, location, modes, started, enter, held };
}

/** Moves the page to `href` (a second URL) and waits until it was classified and had time to react. */
async function moveOn(t: ReturnType<typeof setup>, href: string): Promise<void> {
  t.location.href = href;
  await vi.waitFor(() => expect(t.of('classify')).toHaveLength(2));
  await new Promise((r) => setTimeout(r, 20));
}

const approved: PageClass = { kind: 'approved', toolId: 'chatgpt', name: 'ChatGPT', applyPolicies: true };
const allow: Verdict = {
  kind: 'decided',
  eventId: 'e',
  action: 'ALLOW',
  riskLevel: 'NONE',
  reasons: [],
  findings: [],
};

describe('startSession', () => {
  it.each<[string, PageClass]>([
    ['another page', { kind: 'other' }],
    ['an approved tool without policies', { ...approved, applyPolicies: false }],
  ])('does nothing on %s', async (_name, classify) => {
    const t = setup({ classify, evaluate: allow });
    await expect(t.started).resolves.toBe('none');
    expect(t.enter().defaultPrevented).toBe(false);
    expect(t.requests[0]).toEqual({ type: 'classify', url: 'https://chatgpt.com/c/42' });
    expect(t.of('evaluate')).toHaveLength(0);
  });

  it('intercepts on an approved tool and asks evaluate with URL, input type and model', async () => {
    const t = setup({ classify: approved, evaluate: allow });
    await expect(t.started).resolves.toBe('intercepting');
    expect(t.enter().defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(t.requests).toHaveLength(2));
    expect(t.requests[1]).toEqual({
      type: 'evaluate',
      check: {
        url: 'https://chatgpt.com/c/42',
        prompt: 'hello there',
        inputType: 'typed',
        model: 'ChatGPT 5',
      },
    });
  });

  it('restores MASK placeholders in the reply that follows', async () => {
    const t = setup({
      classify: approved,
      evaluate: {
        ...allow,
        action: 'MASK',
        maskedPrompt: 'hello [EMAIL_1]',
        maskMapping: { '[EMAIL_1]': 'ana@example.com' },
      },
    });
    await t.started;
    t.enter();
    await vi.waitFor(() =>
      expect(t.doc.querySelector('#prompt-textarea')!.textContent).toBe('hello [EMAIL_1]'),
    );
    const reply = t.doc.createElement('div');
    reply.textContent = 'I will write to [EMAIL_1].';
    t.doc.querySelector('main')!.append(reply);
    await vi.waitFor(() => expect(reply.textContent).toBe('I will write to ana@example.com.'));
    // The composer (inside the same `main`) keeps the masked text.
    expect(t.doc.querySelector('#prompt-textarea')!.textContent).toBe('hello [EMAIL_1]');
  });

  it('holds the prompt when the background worker cannot be reached', async () => {
    const t = setup({ classify: approved, evaluate: new Error('Extension context invalidated.') });
    await t.started;
    t.enter();
    await vi.waitFor(() =>
      expect(t.held).toHaveBeenCalledWith(expect.stringContaining('Extension context invalidated.')),
    );
  });

  it('covers an unapproved tool set to BLOCK and swallows input to it', async () => {
    const t = setup(
      {
        classify: { kind: 'unapproved', toolId: 'x', name: 'X Chat', action: 'BLOCK', severity: 'HIGH' },
        evaluate: allow,
      },
      'https://x.example/',
    );
    await expect(t.started).resolves.toBe('overlay');
    const root = t.doc.querySelector('kairro-ui')!.shadowRoot!;
    expect(root.querySelector('.overlay h2')!.textContent).toBe('X Chat is not approved');
    expect(t.enter().defaultPrevented).toBe(true);
  });

  it('shows a banner on an unapproved tool set to WARN, and still checks its prompts', async () => {
    const t = setup({
      classify: { kind: 'unapproved', toolId: 'x', name: 'X Chat', action: 'WARN', severity: 'MEDIUM' },
      evaluate: allow,
    });
    await expect(t.started).resolves.toBe('banner');
    expect(t.doc.querySelector('kairro-ui')!.shadowRoot!.querySelector('.banner')!.textContent).toContain(
      'X Chat',
    );
    expect(t.enter().defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(t.of('evaluate')).toHaveLength(1));
  });

  it('checks the prompts of an unapproved tool the org allows, without a notice', async () => {
    const t = setup({
      classify: { kind: 'unapproved', toolId: 't', name: 'T', action: 'ALLOW', severity: 'LOW' },
      evaluate: allow,
    });
    await expect(t.started).resolves.toBe('intercepting');
    expect(t.doc.querySelector('kairro-ui')?.shadowRoot?.querySelector('.banner') ?? null).toBeNull();
    expect(t.enter().defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(t.of('evaluate')).toHaveLength(1));
  });

  it('reports an unapproved tool once per page load, with what the page showed', async () => {
    const page: PageClass = {
      kind: 'unapproved',
      toolId: 'poe',
      name: 'Poe',
      action: 'MASK',
      severity: 'LOW',
    };
    const t = setup({ classify: page, evaluate: allow }, 'https://poe.com/chat/1?q=secret');
    await expect(t.started).resolves.toBe('banner');
    expect(t.of('shadow-sighting')).toEqual([
      {
        type: 'shadow-sighting',
        sighting: {
          url: 'https://poe.com/chat/1?q=secret',
          signal: 'catalog',
          appliedAction: 'WARN',
          detail: 'Poe',
        },
      },
    ]);
    // Another conversation of the same tool: classified again, nothing new reported or shown.
    await moveOn(t, 'https://poe.com/chat/2');
    expect(t.of('shadow-sighting')).toHaveLength(1);
    expect(t.modes).toEqual(['banner']);
  });

  it('reports a watched catalog tool once per page load and does nothing else there', async () => {
    const page: PageClass = { kind: 'watched', toolId: 'poe', name: 'Poe' };
    const t = setup({ classify: page, evaluate: allow }, 'https://poe.com/chat/1?q=secret');
    await expect(t.started).resolves.toBe('none');
    expect(t.of('shadow-sighting')).toEqual([
      {
        type: 'shadow-sighting',
        sighting: {
          url: 'https://poe.com/chat/1?q=secret',
          signal: 'catalog',
          appliedAction: 'ALLOW',
          detail: 'Poe',
        },
      },
    ]);
    expect(t.doc.querySelector('kairro-ui')).toBeNull();
    expect(t.enter().defaultPrevented).toBe(false);
    // Another conversation of the same tool, and the chat heuristic never runs there.
    await moveOn(t, 'https://poe.com/chat/2');
    await new Promise((r) => setTimeout(r, 20));
    expect(t.of('shadow-sighting')).toHaveLength(1);
    expect(t.of('evaluate')).toEqual([]);
    expect(t.modes).toEqual(['none']);
  });

  it('follows client-side navigation: intercepts, covers and lets go as the URL changes', async () => {
    const blocked: PageClass = {
      kind: 'unapproved',
      toolId: 'x',
      name: 'X Chat',
      action: 'BLOCK',
      severity: 'HIGH',
    };
    const classify = (url: string): PageClass =>
      url.includes('/c/') ? approved : url.includes('/blocked') ? blocked : { kind: 'other' };
    const t = setup({ classify, evaluate: allow }, 'https://chatgpt.com/');
    await expect(t.started).resolves.toBe('none');
    expect(t.enter().defaultPrevented).toBe(false);

    t.location.href = 'https://chatgpt.com/c/1';
    await vi.waitFor(() => expect(t.modes).toEqual(['none', 'intercepting']));
    expect(t.of('classify').at(-1)).toEqual({ type: 'classify', url: 'https://chatgpt.com/c/1' });
    expect(t.enter().defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(t.of('evaluate')).toHaveLength(1));

    t.location.href = 'https://chatgpt.com/blocked';
    await vi.waitFor(() => expect(t.modes.at(-1)).toBe('overlay'));
    const host = t.doc.querySelector('kairro-ui')!;
    expect(host.hasAttribute('data-kairro-overlay')).toBe(true);
    expect(t.enter().defaultPrevented).toBe(true);

    t.location.href = 'https://chatgpt.com/';
    await vi.waitFor(() => expect(t.modes.at(-1)).toBe('none'));
    expect(host.hasAttribute('data-kairro-overlay')).toBe(false);
    expect(host.shadowRoot!.querySelector('.overlay')).toBeNull();
    // Neither interception nor the freeze are left behind.
    expect(t.enter().defaultPrevented).toBe(false);
    expect(t.of('evaluate')).toHaveLength(1);
  });

  it('reclassifies on Navigation API events without polling, ignoring fragment changes', async () => {
    const navigation = new EventTarget();
    const classify = (url: string): PageClass => (url.includes('/c/') ? approved : { kind: 'other' });
    const t = setup({ classify, evaluate: allow }, 'https://chatgpt.com/', { navigation, urlPollMs: 1 });
    await t.started;
    t.location.href = 'https://chatgpt.com/#top';
    navigation.dispatchEvent(new Event('currententrychange'));
    t.location.href = 'https://chatgpt.com/c/9';
    await new Promise((r) => setTimeout(r, 20));
    // No timer runs where the Navigation API reports navigations.
    expect(t.of('classify')).toHaveLength(1);
    navigation.dispatchEvent(new Event('currententrychange'));
    await vi.waitFor(() => expect(t.modes).toEqual(['none', 'intercepting']));
    expect(t.of('classify').map((r) => r.url)).toEqual(['https://chatgpt.com/', 'https://chatgpt.com/c/9']);
  });

  it('classifies a URL the page moved to while its first classification was on its way', async () => {
    const navigation = new EventTarget();
    let answerFirst: (p: PageClass) => void = () => {};
    const classify = vi.fn();
    const t = setup({ classify: approved, evaluate: allow }, 'https://chatgpt.com/', {
      navigation,
      request: (async (r: Request) => {
        if (r.type !== 'classify') return { queued: true };
        classify(r.url);
        if (r.url === 'https://chatgpt.com/')
          return new Promise<PageClass>((resolve) => (answerFirst = resolve));
        return approved;
      }) as SessionDeps['request'],
    });
    await vi.waitFor(() => expect(classify).toHaveBeenCalledTimes(1));
    // The page's pushState happens before the content script watches: no event will tell it.
    t.location.href = 'https://chatgpt.com/c/7';
    answerFirst({ kind: 'other' });
    await vi.waitFor(() => expect(t.modes).toEqual(['none', 'intercepting']));
    expect(classify.mock.calls.map(([url]) => url)).toEqual([
      'https://chatgpt.com/',
      'https://chatgpt.com/c/7',
    ]);
  });

  it('ignores a classification answered after the page moved on', async () => {
    const answers: ((p: PageClass) => void)[] = [];
    const { win, doc } = dom(fixture('chatgpt'));
    const location = new URL('https://chatgpt.com/');
    const modes: Started[] = [];
    const request = (async (r: Request) => {
      if (r.type !== 'classify') return { queued: true };
      if (r.url === 'https://chatgpt.com/') return { kind: 'other' };
      return new Promise<PageClass>((resolve) => answers.push(resolve));
    }) as SessionDeps['request'];
    await startSession({
      win,
      location,
      request,
      urlPollMs: 5,
      onMode: (m) => modes.push(m),
      signal: sessions.signal,
    });
    location.href = 'https://chatgpt.com/c/1';
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    location.href = 'https://chatgpt.com/c/2';
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!({ kind: 'other' });
    answers[0]!(approved);
    await new Promise((r) => setTimeout(r, 20));
    expect(modes).toEqual(['none', 'none']);
    expect(doc.querySelector('kairro-ui')).toBeNull();
  });

  it('sends the WARN justification with the decision event id', async () => {
    const t = setup({ classify: approved, evaluate: { ...allow, eventId: 'evt-77', action: 'WARN' } });
    vi.spyOn(t.ui, 'warn').mockResolvedValue({ choice: 'send', justification: 'ticket 4711' });
    await t.started;
    t.enter();
    await vi.waitFor(() =>
      expect(t.of('warn-override')).toEqual([
        { type: 'warn-override', override: { eventId: 'evt-77', justification: 'ticket 4711' } },
      ]),
    );
  });

  it('reports an unknown AI chat UI once, found by the heuristic after it rendered', async () => {
    const html = `<html><head><title>Acme AI</title></head><body><main></main></body></html>`;
    const t = setup({ classify: { kind: 'other' }, evaluate: allow }, 'https://chat.acme.example/c/1?x=1', {
      html,
    });
    await expect(t.started).resolves.toBe('none');
    expect(t.of('shadow-sighting')).toHaveLength(0);
    const box = t.doc.createElement('textarea');
    box.setAttribute('placeholder', 'Ask anything');
    t.doc.querySelector('main')!.append(box);
    await vi.waitFor(() => expect(t.of('shadow-sighting')).toHaveLength(1));
    expect(t.of('shadow-sighting')[0]!.sighting).toEqual({
      url: 'https://chat.acme.example/c/1?x=1',
      signal: 'heuristic',
      appliedAction: 'ALLOW',
      detail: 'heuristic: chat composer, AI host name, AI page title, AI composer label',
    });
    await moveOn(t, 'https://chat.acme.example/c/2');
    expect(t.of('shadow-sighting')).toHaveLength(1);
  });
});
