/**
 * Managed-config provisioning: an admin deploys the backend URL, license key, email and fail mode as
 * Chromium policy; the built extension registers with the real platform from that alone (the
 * options page is never saved), shows the values as enforced, and checks prompts with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from './backend.ts';
import { launchWithExtension, type ExtensionBrowser } from './browser.ts';
import { buildExtension, newManifestKey, type BuiltExtension } from './build.ts';
import { writeManagedPolicy, type ManagedPolicy, type ManagedSettings } from './managed-policy.ts';
import { SITE_PAGES } from './tool-pages.ts';
import { startToolServer, type ToolServer } from './tool-server.ts';

const CHATGPT = SITE_PAGES[0]!;
const EMAIL = 'carol@example.com';

let backend: Backend;
let tools: ToolServer;
let built: BuiltExtension;
let policy: ManagedPolicy;
let browser: ExtensionBrowser;
let settings: Required<ManagedSettings>;

beforeAll(async () => {
  // An id of this file's own: the policy file is machine-wide and other files' Chromium read it too.
  [backend, tools, built] = await Promise.all([
    startBackend(),
    startToolServer([CHATGPT]),
    buildExtension({ manifestKey: newManifestKey() }),
  ]);
  settings = {
    backendUrl: backend.ingestUrl,
    licenseKey: backend.demo.licenseKey,
    userEmail: EMAIL,
    failMode: 'closed',
  };
  policy = await writeManagedPolicy(built.id, settings);
  browser = await launchWithExtension(built, tools);
});

afterAll(async () => {
  await browser?.close();
  await policy?.remove();
  await Promise.all([backend?.stop(), tools?.close(), built?.remove()]);
});

describe('managed configuration', () => {
  it('registers from policy alone, without the options page', async () => {
    const registered = () =>
      backend.sql<{ userAgent: string }[]>`
        select e.user_agent as "userAgent" from endpoints e join identities i on i.id = e.identity_id
        where i.email = ${EMAIL}`;
    await expect.poll(async () => (await registered()).length, { timeout: 15_000 }).toBe(1);
    expect((await registered())[0]!.userAgent).toContain('Chrome');
    const popup = await browser.extensionPage('popup.html');
    await expect.poll(() => popup.textContent('#status-label')).toBe('Protected');
    expect(await popup.textContent('#status-message')).toContain(`as ${EMAIL}`);
  });

  it('shows the enforced values on the options page, not editable', async () => {
    const options = await browser.extensionPage('options.html');
    await expect.poll(() => options.inputValue('input[name=backendUrl]')).toBe(settings.backendUrl);
    for (const name of ['backendUrl', 'licenseKey', 'userEmail'] as const) {
      const input = options.locator(`input[name=${name}]`);
      expect(await input.inputValue()).toBe(settings[name]);
      expect(await input.isDisabled()).toBe(true);
    }
    expect(await options.isVisible('#managed-note')).toBe(true);
  });

  it("checks prompts with the managed backend and the org's policies", async () => {
    const tab = await browser.open(CHATGPT);
    await tab.intercepting();
    await tab.type('Charge card 4539 1488 0343 6467 for the renewal');
    await tab.send('enter');
    await expect.poll(() => tab.ui.text('.dialog.block h2')).toBe('Prompt blocked');
    await tab.ui.click('[data-action=ok]');
    await tab.type('Summarise the meeting notes');
    await tab.send('enter');
    await expect.poll(() => tab.received()).toEqual([{ text: 'Summarise the meeting notes', via: 'click' }]);
  });
});
