import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { registerExtension, signIn } from '../helpers/clients.ts';
import {
  eventually,
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../helpers/platform.ts';

/** The console as an analyst uses it: headless Chromium against the real embedded platform. */
describe('console in Chromium', () => {
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startKairro(), launchBrowser()]);
    demo = readDemo(platform.dataDir);
    // A few decisions of each kind so the overview has something to draw.
    const extension = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'console-test-endpoint',
      email: 'analyst-test@example.com',
    });
    for (const prompt of ['hello there', 'card 4539 1488 0343 6467 please', 'mail a.b@acme-corp.com now']) {
      await extension.evaluate('https://chatgpt.com/', prompt);
    }
    const admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    await eventually(async () => (await admin.get('/v1/admin/events')).body.events.length >= 3);
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('sends a signed-out visitor to the login page and shows a wrong password’s error', async () => {
    await page.goto(`${platform.apiUrl}/events`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-email').fill(demo.adminEmail);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('Wrong email or password');
  });

  it('signs in and lands back on the page asked for, listing the events', async () => {
    await page.getByTestId('login-password').fill(demo.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/events$/);
    await page.getByTestId('event-row').first().waitFor();
    const rows = await page.getByTestId('event-row').allTextContents();
    expect(rows.length).toBe(3);
    expect(rows.join(' ')).toContain('BLOCK');
    expect(rows.join(' ')).toContain('analyst-test@example.com');
  });

  it('draws the events-over-time chart and the counters on the overview', async () => {
    await page.goto(`${platform.apiUrl}/`);
    await page.getByTestId('overview-chart').locator('svg').first().waitFor();
    await expect.poll(() => page.getByTestId('summary-total').textContent()).toContain('3');
    expect(await page.getByTestId('org-name').textContent()).toContain('Demo Org');
    // One stacked bar segment per action present (ALLOW, WARN, BLOCK).
    const marks = await page.getByTestId('overview-chart').locator('svg rect, svg path').count();
    expect(marks).toBeGreaterThanOrEqual(3);
  });

  it('logs out and the session no longer works', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await page.goto(`${platform.apiUrl}/`);
    await page.waitForURL(/\/login/);
  });
});
