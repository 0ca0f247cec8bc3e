/**
 * Builds the Chrome extension, loads it unpacked into headless Chromium and checks the slice that
 * works end to end today: options page → background registration against a local stand-in backend →
 * the tool lists fetched → status in the options page and popup. Needs Debian's `chromium` (CHROMIUM_PATH overrides the path).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/helpers/browser.ts';
import { buildExtension, type BuiltExtension } from './e2e/build.ts';
import { startIngest, type FakeIngest } from './testing/fake-ingest.ts';

let built: BuiltExtension;
let server: FakeIngest;
let context: BrowserContext;
let profile: string;
let extensionId: string;

beforeAll(async () => {
  built = await buildExtension();
  server = await startIngest();
  profile = await mkdtemp(join(tmpdir(), 'kairro-extension-'));
  context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [`--disable-extensions-except=${built.dir}`, `--load-extension=${built.dir}`, ...CHROMIUM_ARGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await built?.remove();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('built Chrome extension', () => {
  it('has the id its fixed manifest key gives it, wherever the build is loaded from', () => {
    expect(extensionId).toBe('pmmhpjafcdlhbgjmjfadejgiiofkiogb');
    expect(built.id).toBe(extensionId);
  });

  it('registers with the backend once the options are saved and shows the status', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect.poll(() => options.textContent('#status-label')).toBe('Not configured');

    await options.fill('input[name=backendUrl]', `${server.url}/`);
    await options.fill('input[name=licenseKey]', 'krr_lic_0123456789');
    await options.fill('input[name=userEmail]', 'not-an-email');
    await options.click('button[type=submit]');
    expect(await options.textContent('label:has(input[name=userEmail]) .problem')).toMatch(/not an email/);

    await options.fill('input[name=userEmail]', 'alice@example.com');
    await options.click('button[type=submit]');
    await expect.poll(() => options.textContent('#status-label'), { timeout: 10_000 }).toBe('Protected');

    expect(server.requests('register')).toHaveLength(1);
    expect(server.requests('register')[0]).toMatchObject({
      method: 'POST',
      path: '/v1/extension/register',
      body: {
        licenseKey: 'krr_lic_0123456789',
        identity: { email: 'alice@example.com' },
        endpointId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        userAgent: expect.stringContaining('Chrome'),
      },
    });

    // Then the org's AI tool lists, with the new token, for the content scripts' classify.
    await expect.poll(() => server.requests('policy').length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(server.requests('policy')[0]?.headers.authorization).toBe('Bearer token-1');

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect.poll(() => popup.textContent('#status-label')).toBe('Protected');
    expect(await popup.textContent('#status-message')).toContain('as alice@example.com');
  });
});
