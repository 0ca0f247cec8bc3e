import { describe, expect, it, vi } from 'vitest';
import type { FindingView, InputType, Verdict } from '../messages.ts';
import { createAdapter } from './adapters/adapter.ts';
import { specForHost } from './adapters/registry.ts';
import { applyVerdict, type DecisionUi, type Outcome, type WarnChoice } from './apply-verdict.ts';
import { dom, fixture, type TestWindow } from './fixtures/dom.ts';
import { intercept, isSendKey, PASTE_MIN_CHARS } from './intercept.ts';

const finding: FindingView = { detector: 'EMAIL', severity: 'MEDIUM', snippet: 'mail [EMAIL]' };
const decided = (action: 'ALLOW' | 'WARN' | 'MASK' | 'BLOCK', extra: Partial<Verdict> = {}): Verdict =>
  ({
    kind: 'decided',
    eventId: 'evt-1',
    action,
    riskLevel: action === 'ALLOW' ? 'NONE' : 'MEDIUM',
    reasons: action === 'ALLOW' ? [] : [`Policy "Warn on medium" rule 1: EMAIL (MEDIUM) → ${action}`],
    findings: action === 'ALLOW' ? [] : [finding],
    ...extra,
  }) as Verdict;

/**
 * A page with the interceptor installed, and the page's own handlers registered on the window
 * after it. linkedom has no capture phase (events go target → window), so this is how "the page
 * does not see a held event" is observable here: in a browser the window's capture listeners run
 * before any handler of the page, wherever it sits.
 */
function setup(
  verdict: Verdict,
  warnChoice: WarnChoice = { choice: 'edit' },
  site = 'chatgpt',
  host = 'chatgpt.com',
) {
  const { win, doc } = dom(fixture(site));
  const adapter = createAdapter(specForHost(host), doc);
  const ui = { warn: vi.fn(async () => warnChoice), block: vi.fn(), held: vi.fn() } satisfies DecisionUi;
  const checks: { prompt: string; inputType: InputType }[] = [];
  const outcomes: Outcome[] = [];
  intercept({
    win,
    adapter,
    decide: async (prompt, inputType) => {
      checks.push({ prompt, inputType });
      return applyVerdict(prompt, verdict, ui);
    },
    onOutcome: (o) => outcomes.push(o),
  });
  const sent: string[] = [];
  const composer = adapter.composer()!;
  const pageSend = () => sent.push(adapter.read(composer).trim());
  win.addEventListener('keydown', (e) => {
    if (isSendKey(e as KeyboardEvent)) pageSend();
  });
  win.addEventListener('click', (e) => {
    if (adapter.sendButtonOf(e.target)) pageSend();
  });
  return { win, doc, adapter, composer, ui, checks, outcomes, sent };
}

function key(win: TestWindow, target: Element, init: Record<string, unknown>): Event {
  const e = new win.Event('keydown', { bubbles: true, cancelable: true });
  Object.assign(e, init);
  target.dispatchEvent(e);
  return e;
}

const flush = () => new Promise((r) => setTimeout(r, 5));

describe('isSendKey', () => {
  it.each([
    [{ key: 'Enter' }, true],
    [{ key: 'Enter', shiftKey: true }, false],
    [{ key: 'Enter', altKey: true }, false],
    [{ key: 'Enter', isComposing: true }, false],
    [{ key: 'Enter', keyCode: 229 }, false],
    [{ key: 'a' }, false],
  ])('%j → %s', (e, expected) => expect(isSendKey(e)).toBe(expected));
});

describe('intercept on send', () => {
  it('holds Enter, then lets the same send through after ALLOW without checking it again', async () => {
    const t = setup(decided('ALLOW'));
    const e = key(t.win, t.composer, { key: 'Enter' });
    expect(e.defaultPrevented).toBe(true);
    expect(t.sent).toEqual([]);
    await vi.waitFor(() => expect(t.sent).toEqual(['hello there']));
    expect(t.checks).toEqual([{ prompt: 'hello there', inputType: 'typed' }]);
  });

  it('holds a click on the send button (or its icon) the same way', async () => {
    const t = setup(decided('ALLOW'));
    t.adapter.sendButton()!.firstElementChild!.dispatchEvent(new t.win.Event('click', { bubbles: true }));
    expect(t.sent).toEqual([]);
    await vi.waitFor(() => expect(t.sent).toEqual(['hello there']));
    expect(t.checks).toHaveLength(1);
  });

  it('leaves Shift+Enter, IME composition and empty prompts to the page', async () => {
    const t = setup(decided('ALLOW'));
    expect(key(t.win, t.composer, { key: 'Enter', shiftKey: true }).defaultPrevented).toBe(false);
    expect(key(t.win, t.composer, { key: 'Enter', isComposing: true }).defaultPrevented).toBe(false);
    t.adapter.write(t.composer, '  ');
    expect(key(t.win, t.composer, { key: 'Enter' }).defaultPrevented).toBe(false);
    // The page saw the empty prompt's Enter (and does with it what it does).
    expect(t.sent).toEqual(['']);
    expect(t.checks).toEqual([]);
  });

  it('swallows further sends while a check is pending', async () => {
    const t = setup(decided('ALLOW'));
    key(t.win, t.composer, { key: 'Enter' });
    key(t.win, t.composer, { key: 'Enter' });
    await vi.waitFor(() => expect(t.sent).toEqual(['hello there']));
    await flush();
    expect(t.checks).toHaveLength(1);
    expect(t.sent).toHaveLength(1);
  });

  it('does not send after BLOCK, names the policy and keeps the text for editing', async () => {
    const t = setup(decided('BLOCK'));
    key(t.win, t.composer, { key: 'Enter' });
    await vi.waitFor(() => expect(t.ui.block).toHaveBeenCalledOnce());
    await flush();
    expect(t.sent).toEqual([]);
    expect(t.ui.block).toHaveBeenCalledWith([finding], [expect.stringContaining('Policy "Warn on medium"')]);
    expect(t.adapter.read(t.composer).trim()).toBe('hello there');
  });

  it('WARN → Edit: nothing is sent', async () => {
    const t = setup(decided('WARN'), { choice: 'edit' });
    key(t.win, t.composer, { key: 'Enter' });
    await vi.waitFor(() => expect(t.outcomes).toHaveLength(1));
    await flush();
    expect(t.ui.warn).toHaveBeenCalledWith([finding], expect.any(Array));
    expect(t.sent).toEqual([]);
    expect(t.outcomes[0]).toMatchObject({ send: null, action: 'WARN' });
  });

  it('WARN → Send anyway: sends and keeps the justification in the outcome', async () => {
    const t = setup(decided('WARN'), { choice: 'send', justification: 'customer asked for it' });
    key(t.win, t.composer, { key: 'Enter' });
    await vi.waitFor(() => expect(t.sent).toEqual(['hello there']));
    expect(t.outcomes[0]).toMatchObject({
      action: 'WARN',
      eventId: 'evt-1',
      justification: 'customer asked for it',
    });
  });

  it('MASK: replaces the composer text with the masked prompt, then sends that', async () => {
    const mapping = { '[EMAIL_1]': 'ana@example.com' };
    const t = setup(decided('MASK', { maskedPrompt: 'hello [EMAIL_1]', maskMapping: mapping }));
    key(t.win, t.composer, { key: 'Enter' });
    await vi.waitFor(() => expect(t.sent).toEqual(['hello [EMAIL_1]']));
    expect(t.adapter.read(t.composer).trim()).toBe('hello [EMAIL_1]');
    expect(t.outcomes[0]).toMatchObject({ action: 'MASK', maskMapping: mapping });
    expect(t.checks).toHaveLength(1);
  });

  it('MASK on a textarea site (Enter replayed where the send button is disabled)', async () => {
    const t = setup(
      decided('MASK', { maskedPrompt: 'hi [EMAIL_1]', maskMapping: {} }),
      undefined,
      'copilot',
      'copilot.microsoft.com',
    );
    t.adapter.sendButton()!.setAttribute('disabled', '');
    key(t.win, t.composer, { key: 'Enter' });
    await vi.waitFor(() => expect(t.sent).toEqual(['hi [EMAIL_1]']));
  });

  it('unavailable, fail closed: holds the prompt and says why', async () => {
    const t = setup({
      kind: 'unavailable',
      failMode: 'closed',
      reason: 'The backend did not answer within 3 s.',
    });
    key(t.win, t.composer, { key: 'Enter' });
    await vi.waitFor(() => expect(t.ui.held).toHaveBeenCalledWith('The backend did not answer within 3 s.'));
    await flush();
    expect(t.sent).toEqual([]);
  });

  it('unavailable, fail open: lets the prompt go', async () => {
    const t = setup({ kind: 'unavailable', failMode: 'open', reason: 'Backend down.' });
    key(t.win, t.composer, { key: 'Enter' });
    await vi.waitFor(() => expect(t.sent).toEqual(['hello there']));
    expect(t.ui.held).not.toHaveBeenCalled();
  });
});

function paste(t: ReturnType<typeof setup>, text: string, files: File[] = []): Event {
  const e = new t.win.Event('paste', { bubbles: true, cancelable: true });
  Object.assign(e, {
    clipboardData: { files, getData: (type: string) => (type === 'text/plain' ? text : '') },
  });
  t.composer.dispatchEvent(e);
  return e;
}

describe('intercept on paste', () => {
  const big = 'x'.repeat(PASTE_MIN_CHARS);

  it('leaves short pastes to the send check', () => {
    const t = setup(decided('BLOCK'), undefined, 'copilot', 'copilot.microsoft.com');
    expect(paste(t, 'short').defaultPrevented).toBe(false);
    expect(t.checks).toEqual([]);
  });

  it('checks a large paste as "paste" and inserts it after ALLOW', async () => {
    const t = setup(decided('ALLOW'), undefined, 'copilot', 'copilot.microsoft.com');
    t.adapter.write(t.composer, '');
    expect(paste(t, big).defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(t.adapter.read(t.composer)).toBe(big));
    expect(t.checks).toEqual([{ prompt: big, inputType: 'paste' }]);
  });

  it('inserts nothing after BLOCK', async () => {
    const t = setup(decided('BLOCK'), undefined, 'copilot', 'copilot.microsoft.com');
    paste(t, big);
    await vi.waitFor(() => expect(t.ui.block).toHaveBeenCalled());
    expect(t.adapter.read(t.composer).trim()).toBe('hello there');
  });
});

describe('intercept on file upload', () => {
  function upload(t: ReturnType<typeof setup>, files: File[]) {
    const input = t.doc.createElement('input');
    input.setAttribute('type', 'file');
    Object.defineProperty(input, 'type', { value: 'file' });
    Object.defineProperty(input, 'files', { value: files, writable: true });
    t.doc.body.append(input);
    const seen: string[] = [];
    t.win.addEventListener('change', () => seen.push('change'));
    t.win.addEventListener('input', (e) => {
      if (e.target === input) seen.push('input');
    });
    input.dispatchEvent(new t.win.Event('input', { bubbles: true }));
    input.dispatchEvent(new t.win.Event('change', { bubbles: true }));
    return { input, seen };
  }

  it('reads a text file and checks its text as "file"; ALLOW replays input and change to the page', async () => {
    const t = setup(decided('ALLOW'));
    const { seen } = upload(t, [new File(['AKIA… key'], 'notes.txt', { type: 'text/plain' })]);
    expect(seen).toEqual([]);
    await vi.waitFor(() => expect(seen).toEqual(['input', 'change']));
    expect(t.checks).toEqual([{ prompt: 'AKIA… key', inputType: 'file' }]);
  });

  it('reports a file it cannot read by name, type and size', async () => {
    const t = setup(decided('ALLOW'));
    upload(t, [new File([new Uint8Array(2048)], 'scan.pdf', { type: 'application/pdf' })]);
    await vi.waitFor(() => expect(t.checks).toHaveLength(1));
    expect(t.checks[0]).toEqual({
      prompt: '[File upload: scan.pdf (application/pdf, 2.0 KB); content not inspected]',
      inputType: 'file',
    });
  });

  it('BLOCK: the page never sees the files and the input is cleared', async () => {
    const t = setup(decided('BLOCK'));
    const { input, seen } = upload(t, [new File(['secret'], 'a.env')]);
    input.value = 'C:\\fakepath\\a.env';
    await vi.waitFor(() => expect(t.ui.block).toHaveBeenCalled());
    await flush();
    expect(seen).toEqual([]);
    expect(input.value).toBe('');
  });
});
