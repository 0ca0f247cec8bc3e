import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAt } from '../helpers/browser.ts';
import { registerExtension, signIn } from '../helpers/clients.ts';
import {
  eventually,
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../helpers/platform.ts';

/** The SQL workbench in headless Chromium against the real embedded platform. */
describe('SQL workbench in Chromium', () => {
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startKairro(), launchBrowser()]);
    demo = readDemo(platform.dataDir);
    const extension = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'sql-test-endpoint',
      email: 'sql-analyst@example.com',
    });
    await extension.evaluate('https://chatgpt.com/', 'card 4539 1488 0343 6467 please');
    const admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    await eventually(async () => (await admin.get('/v1/admin/events')).body.events.length >= 1);
    page = await browser.newPage({ acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('signs in, lists the tables and runs a query with Ctrl+Enter', async () => {
    await signInAt(page, platform.apiUrl!, '/sql', { email: demo.adminEmail, password: demo.adminPassword });
    await expect.poll(() => page.getByTestId('sql-tables').textContent()).toContain('dlp_matches');

    const editor = page.getByTestId('sql-editor');
    await editor.fill('SELECT user_email, action FROM events ORDER BY occurred_at');
    await editor.press('Control+Enter');
    const results = page.getByTestId('sql-results');
    await results.waitFor();
    expect(await results.locator('th').allTextContents()).toEqual(['user_email', 'action']);
    expect(await results.locator('tbody tr').first().textContent()).toContain('sql-analyst@example.com');
    expect(await page.getByTestId('sql-meta').textContent()).toContain('1 row');
  });

  it('downloads the result as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sql-download').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('"user_email","action"');
    expect(csv).toContain('sql-analyst@example.com');
  });

  it('shows why a forbidden query was refused', async () => {
    await page.getByTestId('sql-editor').fill('SELECT * FROM system.tables');
    await page.getByTestId('sql-run').click();
    await expect
      .poll(() => page.getByTestId('sql-error').textContent())
      .toContain('System tables are not available');
    expect(await page.getByTestId('sql-results').count()).toBe(0);
  });
});
