import { fakeBrowser } from './testing/fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import background from './entrypoints/background.ts';
import { sendRequest } from './lib/messages.ts';
import * as items from './lib/storage.ts';
import { startServer, type TestServer } from './testing/http-server.ts';

let server: TestServer;

beforeEach(async () => {
  fakeBrowser.reset();
  server = await startServer(() => ({
    status: 200,
    json: {
      token: 'token-1',
      expiresAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
      orgId: 'org-1',
      endpointId: 'ep-1',
      license: { status: 'ACTIVE', expiresAt: '2099-01-01T00:00:00.000Z' },
    },
  }));
});
afterEach(() => server.close());

const askStatus = () => sendRequest((msg) => fakeBrowser.runtime.sendMessage(msg), { type: 'status' });

describe('background worker', () => {
  it('starts unconfigured, registers once the options are saved, and answers status requests', async () => {
    await background.main();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('unconfigured'));
    expect(server.received).toHaveLength(0);

    await items.writeLocalConfig({
      backendUrl: server.url,
      licenseKey: 'krr_lic_0123456789',
      userEmail: 'alice@example.com',
    });
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('protected'));
    expect(await items.token.getValue()).toBe('token-1');
    expect(server.received.length).toBeGreaterThanOrEqual(1);
  });

  it('follows a policy change in managed storage', async () => {
    await items.writeLocalConfig({ licenseKey: 'krr_lic_0123456789', userEmail: 'alice@example.com' });
    await background.main();
    await fakeBrowser.storage.managed.set({ backendUrl: server.url });
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('protected'));
  });

  it('schedules a periodic refresh alarm and retries registration when it fires', async () => {
    const ok = server.received.length;
    server.reply(() => ({ status: 503, raw: 'down' }));
    await items.writeLocalConfig({
      backendUrl: server.url,
      licenseKey: 'krr_lic_0123456789',
      userEmail: 'alice@example.com',
    });
    await background.main();
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('degraded'));
    expect(await fakeBrowser.alarms.get('kairro-refresh')).toMatchObject({ periodInMinutes: 30 });

    server.reply(() => ({
      status: 200,
      json: {
        token: 'token-2',
        expiresAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
        orgId: 'org-1',
        endpointId: 'ep-1',
        license: { status: 'ACTIVE', expiresAt: '2099-01-01T00:00:00.000Z' },
      },
    }));
    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'kairro-refresh',
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await vi.waitFor(async () => expect((await askStatus()).state).toBe('protected'));
    expect(server.received.length).toBeGreaterThan(ok + 1);
  });
});
