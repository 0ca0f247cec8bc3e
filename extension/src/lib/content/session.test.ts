import { describe, expect, it, vi } from 'vitest';
import type { PageClass, Request, Verdict } from '../messages.ts';
import { createUi } from './dialog.ts';
import { dom, fixture } from './fixtures/dom.ts';
import { startSession } from './session.ts';

type Answer = { classify: PageClass; evaluate: Verdict | Error };

function setup(answer: Answer, href = 'https://chatgpt.com/c/42') {
  const { win, doc } = dom(fixture('chatgpt'));
  const requests: Request[] = [];
  const ui = createUi(doc, { shadowMode: 'open' });
  const held = vi.spyOn(ui, 'held');
  const request = vi.fn(async (r: Request) => {
    requests.push(r);
    const a = r.type === 'classify' ? answer.classify : answer.evaluate;
    if (a instanceof Error) throw a;
    return a;
  });
  const started = startSession({
    win,
    location: new URL(href),
    ui,
    request: request as Parameters<typeof startSession>[0]['request'],
  });
  const enter = () => {
    const e = new win.Event('keydown', { bubbles: true, cancelable: true });
    Object.assign(e, { key: 'Enter' });
    doc.querySelector('#prompt-textarea')!.dispatchEvent(e);
    return e;
  };
  return { win, doc, requests, started, enter, held };
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
    [
      'an unapproved tool the org allows',
      { kind: 'unapproved', toolId: 't', name: 'T', action: 'ALLOW', severity: 'LOW' },
    ],
  ])('does nothing on %s', async (_name, classify) => {
    const t = setup({ classify, evaluate: allow });
    await expect(t.started).resolves.toBe('none');
    expect(t.enter().defaultPrevented).toBe(false);
    expect(t.requests).toEqual([{ type: 'classify', url: 'https://chatgpt.com/c/42' }]);
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

  it('shows a banner on an unapproved tool set to WARN', async () => {
    const t = setup({
      classify: { kind: 'unapproved', toolId: 'x', name: 'X Chat', action: 'WARN', severity: 'MEDIUM' },
      evaluate: allow,
    });
    await expect(t.started).resolves.toBe('banner');
    expect(t.doc.querySelector('kairro-ui')!.shadowRoot!.querySelector('.banner')!.textContent).toContain(
      'X Chat',
    );
    expect(t.enter().defaultPrevented).toBe(false);
  });
});
