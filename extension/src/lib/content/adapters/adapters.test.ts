import { describe, expect, it, vi } from 'vitest';
import { dom, fixture } from '../fixtures/dom.ts';
import { createAdapter } from './adapter.ts';
import { specForHost } from './registry.ts';

// One fixture per site, shaped like the site's markup (see each spec's note); `generic` stands
// for any other approved tool.
const SITES = [
  { host: 'chatgpt.com', id: 'chatgpt', editable: true, model: 'ChatGPT 5' },
  { host: 'claude.ai', id: 'claude', editable: true, model: 'Claude Sonnet 4.5' },
  { host: 'gemini.google.com', id: 'gemini', editable: true, model: '2.5 Flash' },
  { host: 'copilot.microsoft.com', id: 'copilot', editable: false, model: undefined },
  { host: 'www.perplexity.ai', id: 'perplexity', editable: true, model: 'Best' },
  { host: 'chat.mistral.ai', id: 'mistral', editable: true, model: undefined },
  { host: 'chat.deepseek.com', id: 'deepseek', editable: false, model: undefined },
  { host: 'ai.internal.example.com', id: 'generic', editable: false, model: undefined },
];

describe.each(SITES)('$id adapter', ({ host, id, editable, model }) => {
  const setup = () => {
    const { doc } = dom(fixture(id));
    const spec = specForHost(host);
    return { doc, adapter: createAdapter(spec, doc), spec };
  };

  it('is chosen by host', () => {
    expect(setup().spec.id).toBe(id);
  });

  it('finds the composer and reads its text', () => {
    const { adapter } = setup();
    const composer = adapter.composer();
    expect(composer?.localName).toBe(editable ? 'div' : 'textarea');
    expect(adapter.read(composer!).trim()).toBe('hello there');
    // Events hit the editor's inner nodes, which belong to the composer too.
    const inner = composer!.firstElementChild ?? composer!;
    expect(adapter.composerOf(inner)).toBe(composer);
  });

  it('writes the prompt so that reading it back gives the new text', () => {
    const { adapter } = setup();
    const composer = adapter.composer()!;
    const onInput = vi.fn();
    composer.addEventListener('input', onInput);
    adapter.write(composer, 'masked [EMAIL_1]');
    expect(adapter.read(composer).trim()).toBe('masked [EMAIL_1]');
    expect(onInput).toHaveBeenCalled();
  });

  it('finds the send button, also from a click on its icon', () => {
    const { adapter } = setup();
    const button = adapter.sendButton();
    expect(button).not.toBeNull();
    expect(adapter.sendButtonOf(button!.firstElementChild ?? button)).toBe(button);
    expect(adapter.sendButtonOf(adapter.composer())).toBeNull();
  });

  it('finds the reply area and the model label', () => {
    const { adapter, doc } = setup();
    expect(adapter.replyRoot()).not.toBe(doc.body);
    expect(adapter.replyRoot().textContent).toContain('earlier answer');
    expect(adapter.model()).toBe(model);
  });

  it('submits the way the spec says: the send button, or Enter', () => {
    const { adapter, spec } = setup();
    const onClick = vi.fn();
    const onEnter = vi.fn();
    adapter.sendButton()!.addEventListener('click', onClick);
    adapter.composer()!.addEventListener('keydown', onEnter);
    adapter.submit(adapter.composer()!);
    expect([onClick.mock.calls.length, onEnter.mock.calls.length]).toEqual(
      spec.submitBy === 'enter' ? [0, 1] : [1, 0],
    );
    // A held click replays on the very button that was clicked.
    adapter.submit(adapter.composer()!, adapter.sendButton());
    expect(onClick).toHaveBeenCalledTimes(spec.submitBy === 'enter' ? 1 : 2);
  });
});

describe('createAdapter', () => {
  it("tells DeepSeek's send icon from its DeepThink toggle", () => {
    const { doc } = dom(fixture('deepseek'));
    const adapter = createAdapter(specForHost('chat.deepseek.com'), doc);
    expect(adapter.sendButtonOf(doc.querySelector('.ds-button span'))).toBeNull();
    expect(adapter.sendButton()?.className).toBe('_7436101');
  });

  it('submits with Enter on the composer when the send button is disabled', () => {
    const { doc } = dom('<main><textarea>hi</textarea><button type="submit" disabled>Send</button></main>');
    const adapter = createAdapter(specForHost('example.com'), doc);
    const keys: { key: string; keyCode: number }[] = [];
    adapter.composer()!.addEventListener('keydown', (e) => keys.push(e as KeyboardEvent));
    adapter.submit(adapter.composer()!);
    expect(keys).toMatchObject([{ key: 'Enter', keyCode: 13 }]);
  });

  it('inserts at the caret of a textarea', () => {
    const { doc } = dom('<textarea>ab</textarea>');
    const adapter = createAdapter(specForHost('example.com'), doc);
    const ta = adapter.composer() as HTMLTextAreaElement;
    ta.selectionStart = ta.selectionEnd = 1;
    adapter.insert(ta, 'XY');
    expect(ta.value).toBe('aXYb');
  });
});

describe('specForHost', () => {
  it.each([
    ['chatgpt.com', 'chatgpt'],
    ['chat.openai.com', 'chatgpt'],
    ['CLAUDE.AI', 'claude'],
    ['perplexity.ai', 'perplexity'],
    ['notclaude.ai', 'generic'],
    ['chat.deepseek.com.evil.example', 'generic'],
  ])('%s → %s', (host, id) => {
    expect(specForHost(host).id).toBe(id);
  });
});
