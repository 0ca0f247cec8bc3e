import { fakeBrowser } from '../testing/fake-browser.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessageListener, isRequest, sendRequest, type Handlers } from './messages.ts';
import type { Status } from './status.ts';

const protectedStatus: Status = { state: 'protected', message: 'Protected.' };
const handlers: Handlers = {
  status: async () => protectedStatus,
  refresh: async () => ({ state: 'degraded', message: 'Backend down.' }),
  classify: async () => ({ kind: 'other' }),
  evaluate: async () => ({ kind: 'unavailable', failMode: 'closed', reason: 'Not configured.' }),
  decisions: async () => [],
  'shadow-sighting': async () => ({ queued: true }),
  'warn-override': async () => ({ queued: true }),
  backlog: async () => ({ waiting: 0, dropped: 0 }),
};

const sighting = { url: 'https://poe.com/chat', signal: 'catalog', appliedAction: 'WARN', detail: 'Poe' };

beforeEach(() => fakeBrowser.reset());

/** What Firefox (and older fakeBrowser versions) hand a listener that should answer with a Promise. */
const noSendResponse = undefined as unknown as () => void;

describe('isRequest', () => {
  it.each([
    [{ type: 'status' }, true],
    [{ type: 'refresh' }, true],
    [{ type: 'evaluate' }, false],
    [{ type: 'evaluate', check: { url: 'https://chatgpt.com/', prompt: 'hi', inputType: 'typed' } }, true],
    [{ type: 'evaluate', check: { url: 'https://chatgpt.com/', prompt: 'hi', inputType: 'voice' } }, false],
    [{ type: 'classify', url: 'https://chatgpt.com/' }, true],
    [{ type: 'classify' }, false],
    [{ type: 'decisions' }, true],
    [{ type: 'shadow-sighting', sighting }, true],
    [{ type: 'shadow-sighting', sighting: { ...sighting, detail: undefined } }, true],
    [{ type: 'shadow-sighting', sighting: { ...sighting, signal: 'guess' } }, false],
    // MASK cannot apply on an unapproved tool's page: what was shown is WARN.
    [{ type: 'shadow-sighting', sighting: { ...sighting, appliedAction: 'MASK' } }, false],
    [{ type: 'shadow-sighting' }, false],
    [{ type: 'warn-override', override: { eventId: 'evt-1', justification: 'customer asked' } }, true],
    [{ type: 'warn-override', override: { eventId: 'evt-1', justification: '  ' } }, false],
    [{ type: 'warn-override', override: { eventId: '', justification: 'x' } }, false],
    [{ type: 'warn-override', override: { eventId: 'evt-1', justification: 'x'.repeat(1_001) } }, false],
    [{ type: 'backlog' }, true],
    [{ type: 'unknown' }, false],
    [{}, false],
    ['status', false],
    [null, false],
  ])('%j → %s', (message, expected) => {
    expect(isRequest(message)).toBe(expected);
  });
});

describe('createMessageListener', () => {
  it('answers with a Promise when the browser passes no sendResponse', async () => {
    fakeBrowser.runtime.onMessage.addListener(createMessageListener(handlers));
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'status' }, {}, noSendResponse)).toEqual([
      protectedStatus,
    ]);
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'refresh' }, {}, noSendResponse)).toEqual([
      { state: 'degraded', message: 'Backend down.' },
    ]);
  });

  it('answers through sendResponse and returns true when the browser passes one (Chrome)', async () => {
    const listener = createMessageListener(handlers);
    const sendResponse = vi.fn();
    expect(listener({ type: 'status' }, {}, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith(protectedStatus));
  });

  it('leaves other messages to other listeners', () => {
    const listener = createMessageListener(handlers);
    expect(listener({ type: 'something-else' }, {}, vi.fn())).toBeUndefined();
    expect(listener('status', {})).toBeUndefined();
  });

  it('turns a failing handler into an error answer that sendRequest rethrows', async () => {
    const listener = createMessageListener({
      ...handlers,
      status: async () => {
        throw new Error('storage is gone');
      },
    });
    const send = async (message: unknown) => listener(message, {});
    await expect(sendRequest(send, { type: 'status' })).rejects.toThrow('storage is gone');
  });

  it('works end to end with fakeBrowser.runtime.sendMessage', async () => {
    fakeBrowser.runtime.onMessage.addListener(createMessageListener(handlers));
    const answer = await sendRequest((msg) => fakeBrowser.runtime.sendMessage(msg), { type: 'status' });
    expect(answer).toEqual(protectedStatus);
  });
});
