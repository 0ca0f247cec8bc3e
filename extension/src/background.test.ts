import { fakeBrowser } from './testing/fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import background from './entrypoints/background.ts';
import { sendRequest, type Request } from './lib/messages.ts';
import * as items from './lib/storage.ts';
import { POLICY_ETAG, startIngest, type FakeIngest } from './testing/fake-ingest.ts';
import { closedPortUrl } from './testing/http-server.ts';

let ingest: FakeIngest;

beforeEach(async () => {
  fakeBrowser.reset();
  ingest = await startIngest();
});
afterEach(() => ingest.close());

const ask = <R extends Request>(request: R) =>
  sendRequest((msg) => fakeBrowser.runtime.sendMessage(msg), request);
const askStatus = () => ask({ type: 'status' });

const configure = (backendUrl = ingest.url) =>
  items.writeLocalConfig({ backendUrl, licenseKey: 'krr_lic_0123456789', userEmail: 'alice@example.com' });

const fireAlarm = () =>
  fakeBrowser.alarms.onAlarm.trigger({
    name: 'kairro-refresh',
    scheduledTime: Date.now(),
    persistAcrossSessions: false,
  });

describe('background worker', () => {
  it('starts unconfigured, registers once the options are saved, and answers status requests', async () => {
    await background.main();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('unconfigured'));
    expect(ingest.received).toHaveLength(0);

    await configure();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('protected'));
    expect(await items.token.getValue()).toBe('token-1');
    expect(ingest.requests('register').length).toBeGreaterThanOrEqual(1);
  });

  it('follows a policy change in managed storage', async () => {
    await items.writeLocalConfig({ licenseKey: 'krr_lic_0123456789', userEmail: 'alice@example.com' });
    await background.main();
    await fakeBrowser.storage.managed.set({ backendUrl: ingest.url });
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('protected'));
  });

  it('schedules a periodic refresh alarm and retries registration when it fires', async () => {
    ingest.on('register', () => ({ status: 503, raw: 'down' }));
    await configure();
    await background.main();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('degraded'));
    expect(await fakeBrowser.alarms.get('kairro-refresh')).toMatchObject({ periodInMinutes: 30 });

    ingest.on('register', undefined);
    await fireAlarm();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('protected'));
  });

  it('fetches the tool lists after registering and revalidates them with the ETag when the alarm fires', async () => {
    await configure();
    await background.main();
    await vi.waitFor(() => expect(ingest.requests('policy')).toHaveLength(1));
    await fireAlarm();
    await vi.waitFor(() => expect(ingest.requests('policy')).toHaveLength(2));
    expect(ingest.requests('policy')[1]!.headers['if-none-match']).toBe(POLICY_ETAG);
  });

  it('answers classify, evaluate and decisions', async () => {
    await configure();
    await background.main();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('protected'));

    expect(await ask({ type: 'classify', url: 'https://chatgpt.com/c/1' })).toMatchObject({
      kind: 'approved',
      toolId: 'chatgpt',
    });
    const check = { url: 'https://chatgpt.com/c/1', prompt: 'hello', inputType: 'typed' as const };
    expect(await ask({ type: 'evaluate', check })).toMatchObject({ kind: 'decided', action: 'ALLOW' });
    expect(await ask({ type: 'decisions' })).toEqual([
      { at: expect.any(String), host: 'chatgpt.com', action: 'ALLOW', detectors: [] },
    ]);
  });

  it('queues a shadow-AI sighting and a WARN justification and posts them to ingest', async () => {
    await configure();
    await background.main();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('protected'));

    const sighting = {
      url: 'https://huggingface.co/chat/conversation/1?q=secret#x',
      signal: 'catalog' as const,
      appliedAction: 'WARN' as const,
      detail: 'Hugging Face',
    };
    expect(await ask({ type: 'shadow-sighting', sighting })).toEqual({ queued: true });
    const override = {
      eventId: '0b7e3d2a-4c1f-4e8a-9d3b-5f6a7b8c9d0e',
      justification: 'customer asked for it',
    };
    expect(await ask({ type: 'warn-override', override })).toEqual({ queued: true });
    expect(await ask({ type: 'backlog' })).toEqual({ waiting: 2, dropped: 0 });

    // The short flush delay is 5 s; the alarm it set stands in for it here.
    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'kairro-telemetry',
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await vi.waitFor(() => expect(ingest.requests('warn-override')).toHaveLength(1));
    expect(ingest.requests('shadow-event')[0]!.body).toEqual({
      events: [
        {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          url: 'https://huggingface.co/chat/conversation/1',
          signal: 'catalog',
          appliedAction: 'WARN',
          occurredAt: expect.any(String),
          detail: 'Hugging Face',
        },
      ],
    });
    expect(ingest.requests('warn-override')[0]!.body).toEqual(override);
    await vi.waitFor(async () => expect(await ask({ type: 'backlog' })).toEqual({ waiting: 0, dropped: 0 }));
  });

  it('refuses a sighting for a page that is not http(s), and keeps none while not configured', async () => {
    await background.main();
    const sighting = { url: 'chrome://settings', signal: 'heuristic', appliedAction: 'ALLOW' } as const;
    await expect(ask({ type: 'shadow-sighting', sighting })).rejects.toThrow(/not an http\(s\) page/);
    const page = { ...sighting, url: 'https://chat.example.ai/' };
    expect(await ask({ type: 'shadow-sighting', sighting: page })).toEqual({ queued: false });
    expect(await ask({ type: 'backlog' })).toEqual({ waiting: 0, dropped: 0 });
  });

  it('with the backend down since install, intercepts the built-in tools and holds prompts (fail closed)', async () => {
    const closed = await closedPortUrl();
    await configure(closed);
    await background.main();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('degraded'));

    expect(await ask({ type: 'classify', url: 'https://chatgpt.com/c/1' })).toMatchObject({
      kind: 'approved',
      toolId: 'chatgpt',
      applyPolicies: true,
    });
    const check = { url: 'https://chatgpt.com/c/1', prompt: 'hello', inputType: 'typed' as const };
    expect(await ask({ type: 'evaluate', check })).toEqual({
      kind: 'unavailable',
      failMode: 'closed',
      reason: expect.stringContaining(`Cannot reach the Kairro backend at ${closed}`),
    });
  });

  it('with the backend down since install and fail mode open, prompts pass unchecked', async () => {
    await items.writeLocalConfig({ failMode: 'open' });
    await configure(await closedPortUrl());
    await background.main();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('degraded'));
    const check = { url: 'https://claude.ai/new', prompt: 'hello', inputType: 'typed' as const };
    expect(await ask({ type: 'evaluate', check })).toMatchObject({ kind: 'unavailable', failMode: 'open' });
    expect(await ask({ type: 'decisions' })).toMatchObject([{ host: 'claude.ai', action: 'SENT_UNCHECKED' }]);
  });
});
