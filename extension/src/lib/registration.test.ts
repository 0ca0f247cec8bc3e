import { fakeBrowser } from '../testing/fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closedPortUrl,
  startServer,
  type Received,
  type Reply,
  type TestServer,
} from '../testing/http-server.ts';
import { affectsRegistration, createRegistrar, readSession } from './registration.ts';
import * as items from './storage.ts';

const DAY = 24 * 3600_000;
const start = new Date('2026-03-01T12:00:00.000Z');
let now = start;
let server: TestServer;
let issued = 0;

function registered(req: Received): Reply {
  issued += 1;
  const body = req.body as { licenseKey: string; endpointId: string };
  if (body.licenseKey === 'krr_lic_revoked1') {
    return {
      status: 403,
      json: { error: { code: 'LICENSE_REVOKED', message: 'This license was revoked.' } },
    };
  }
  return {
    status: 200,
    json: {
      token: `token-${issued}`,
      expiresAt: new Date(now.getTime() + 30 * DAY).toISOString(),
      orgId: 'org-1',
      endpointId: 'server-endpoint-1',
      license: { status: 'ACTIVE', expiresAt: '2027-01-01T00:00:00.000Z' },
    },
  };
}

const registrar = () => createRegistrar({ fetch, userAgent: 'test-agent', now: () => now, timeoutMs: 1_000 });

async function configure(backendUrl = server.url) {
  await items.writeLocalConfig({
    backendUrl,
    licenseKey: 'krr_lic_0123456789',
    userEmail: 'alice@example.com',
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  now = start;
  issued = 0;
  server = await startServer(registered);
});
afterEach(() => server.close());

describe('registrar.refresh', () => {
  it('stays unconfigured, without a network call, until backend, license and email are set', async () => {
    await items.writeLocalConfig({ userEmail: 'alice@example.com' });
    const status = await registrar().refresh();
    expect(status).toMatchObject({
      state: 'unconfigured',
      message: 'Not configured: backend URL, license key.',
    });
    expect(await items.status.getValue()).toEqual(status);
    expect(server.received).toHaveLength(0);
  });

  it('reports an invalid setting as unconfigured with the reason', async () => {
    await configure('ftp://kairro.example');
    expect(await registrar().refresh()).toMatchObject({
      state: 'unconfigured',
      message: expect.stringMatching(/must start with https:\/\/ or http:\/\//),
    });
  });

  it('registers, stores the token and reports protected', async () => {
    await configure();
    const status = await registrar().refresh();
    expect(status).toMatchObject({
      state: 'protected',
      message: `Protected: registered with ${new URL(server.url).host} as alice@example.com.`,
      orgId: 'org-1',
      licenseExpiresAt: '2027-01-01T00:00:00.000Z',
      checkedAt: start.toISOString(),
    });
    expect(await items.token.getValue()).toBe('token-1');
    expect(await items.tokenExpiresAt.getValue()).toBe(new Date(start.getTime() + 30 * DAY).toISOString());
    const body = server.received[0]!.body as Record<string, unknown>;
    expect(body).toEqual({
      licenseKey: 'krr_lic_0123456789',
      endpointId: await items.endpointId.getValue(),
      identity: { email: 'alice@example.com' },
      userAgent: 'test-agent',
    });
  });

  it('does not call the backend again while the token is valid, and renews it a day before expiry', async () => {
    await configure();
    const r = registrar();
    await r.refresh();
    now = new Date(start.getTime() + 28 * DAY);
    expect(await r.refresh()).toMatchObject({ state: 'protected' });
    expect(server.received).toHaveLength(1);

    now = new Date(start.getTime() + 29 * DAY + 60_000);
    await r.refresh();
    expect(server.received).toHaveLength(2);
    expect(await items.token.getValue()).toBe('token-2');
    // Same endpoint id both times: one per browser profile.
    expect((server.received[1]!.body as { endpointId: string }).endpointId).toBe(
      (server.received[0]!.body as { endpointId: string }).endpointId,
    );
  });

  it('registers again when the license, email or backend changes', async () => {
    await configure();
    const r = registrar();
    await r.refresh();
    await items.writeLocalConfig({ userEmail: 'bob@example.com' });
    await r.refresh();
    expect(server.received).toHaveLength(2);
    expect((server.received[1]!.body as { identity: unknown }).identity).toEqual({
      email: 'bob@example.com',
    });
    await items.failMode.setValue('open');
    await r.refresh();
    expect(server.received).toHaveLength(2);
  });

  it('registers with the managed config when policy sets it', async () => {
    await configure();
    await fakeBrowser.storage.managed.set({
      licenseKey: 'krr_lic_managed99',
      userEmail: 'carol@example.com',
    });
    await registrar().refresh();
    expect(server.received[0]!.body).toMatchObject({
      licenseKey: 'krr_lic_managed99',
      identity: { email: 'carol@example.com' },
    });
  });

  it('reports a refused license as unlicensed and drops the token', async () => {
    await configure();
    const r = registrar();
    await r.refresh();
    await items.licenseKey.setValue('krr_lic_revoked1');
    expect(await r.refresh()).toMatchObject({
      state: 'unlicensed',
      code: 'LICENSE_REVOKED',
      message: 'This license was revoked.',
    });
    expect(await items.token.getValue()).toBeNull();
  });

  it('reports an unreachable backend as degraded', async () => {
    const url = await closedPortUrl();
    await configure(url);
    expect(await registrar().refresh()).toMatchObject({
      state: 'degraded',
      code: 'UNREACHABLE',
      message: expect.stringContaining(`Cannot reach the Kairro backend at ${url}`),
    });
    expect(await items.token.getValue()).toBeNull();
  });

  it('stays protected while a still-valid token cannot be renewed, then degrades once it expires', async () => {
    await configure();
    const r = registrar();
    await r.refresh();
    server.reply(() => ({ status: 503, raw: 'down' }));

    now = new Date(start.getTime() + 29.5 * DAY);
    expect(await r.refresh()).toMatchObject({
      state: 'protected',
      code: 'HTTP_503',
      message: expect.stringMatching(/^Protected until .*, but renewing the token failed: .*HTTP 503/),
    });
    expect(await items.token.getValue()).toBe('token-1');

    now = new Date(start.getTime() + 31 * DAY);
    expect(await r.refresh()).toMatchObject({ state: 'degraded', code: 'HTTP_503' });

    server.reply(registered);
    expect(await r.refresh()).toMatchObject({ state: 'protected' });
    expect(await items.status.getValue()).not.toHaveProperty('code');
  });

  it('runs overlapping refreshes one after another, so a burst registers once', async () => {
    await configure();
    const r = registrar();
    const results = await Promise.all([r.refresh(), r.refresh(), r.refresh()]);
    expect(results.map((s) => s.state)).toEqual(['protected', 'protected', 'protected']);
    expect(server.received).toHaveLength(1);
  });
});

describe('registrar.renew', () => {
  it('drops a refused token and registers again, once for a burst of refusals', async () => {
    await configure();
    const r = registrar();
    await r.refresh();
    const statuses = await Promise.all([r.renew('token-1'), r.renew('token-1')]);
    expect(statuses.map((s) => s.state)).toEqual(['protected', 'protected']);
    expect(server.received).toHaveLength(2);
    expect(await items.token.getValue()).toBe('token-2');
  });
});

describe('readSession', () => {
  it('holds the backend and token while registered, and says why not otherwise', async () => {
    expect(await readSession()).toMatchObject({
      ok: false,
      failMode: 'closed',
      reason: 'Not configured: backend URL, license key, email.',
    });
    await configure();
    await items.failMode.setValue('open');
    await registrar().refresh();
    expect(await readSession()).toMatchObject({
      ok: true,
      backendUrl: server.url,
      token: 'token-1',
      failMode: 'open',
    });
    await items.licenseKey.setValue('krr_lic_revoked1');
    await registrar().refresh();
    expect(await readSession()).toMatchObject({ ok: false, reason: 'This license was revoked.' });
  });
});

describe('affectsRegistration', () => {
  it.each([
    [{ backendUrl: {} }, 'local', true],
    [{ licenseKey: {} }, 'local', true],
    [{ userEmail: {} }, 'local', true],
    [{ failMode: {} }, 'local', false],
    [{ status: {}, token: {} }, 'local', false],
    [{ anything: {} }, 'managed', true],
    [{ backendUrl: {} }, 'sync', false],
  ])('%j in %s → %s', (changes, area, expected) => {
    expect(affectsRegistration(changes, area)).toBe(expected);
  });
});
