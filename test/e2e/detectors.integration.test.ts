import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAt } from '../helpers/browser.ts';
import { readDemo, startKairro, type DemoCredentials, type PlatformProcess } from '../helpers/platform.ts';

/** Set to a folder to keep screenshots of the page (for looking at it, not asserted). */
const SCREENSHOTS = process.env.KAIRRO_SCREENSHOTS;

/** The Detectors page as an admin uses it: headless Chromium against the real embedded platform. */
describe('Detectors page in Chromium', () => {
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startKairro(), launchBrowser()]);
    demo = readDemo(platform.dataDir);
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signInAt(page, platform.apiUrl!, '/detectors', {
      email: demo.adminEmail,
      password: demo.adminPassword,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('lists the built-in detectors under the Detectors nav entry', async () => {
    await expect.poll(() => page.locator('nav a[aria-current="page"]').textContent()).toBe('Detectors');
    await page.getByTestId('detector-row').first().waitFor();
    const types = await page
      .locator('[data-testid="detector-row"][data-source="builtin"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
    expect(types).toEqual(expect.arrayContaining(['CREDIT_CARD', 'EMAIL', 'US_SSN', 'IP_ADDRESS']));
  });

  it('shows the API’s error inline for a bad pattern, then adds the detector', async () => {
    await page.getByTestId('detector-name').fill('Employee id');
    await page.getByTestId('detector-type').fill('EMPLOYEE_ID');
    await page.getByTestId('detector-pattern').fill('(EMP-\\d{6}');
    await page.getByTestId('detector-keywords').fill('emp-');
    await page.getByTestId('detector-save').click();
    await expect
      .poll(() => page.getByTestId('detector-form-error').textContent())
      .toMatch(/Invalid RE2 syntax/);

    await page.getByTestId('detector-pattern').fill('EMP-\\d{6}');
    await page.getByTestId('detector-save').click();
    await page.locator('[data-testid="detector-row"][data-type="EMPLOYEE_ID"]').waitFor();
    expect(await page.getByTestId('detector-form-error').count()).toBe(0);
  });

  it('highlights every finding in the test bench and explains why each fired', async () => {
    await page
      .getByTestId('test-bench-input')
      .fill('😀 promote EMP-123456 and charge 4539 1488 0343 6467 today');
    await page.getByTestId('test-bench-scan').click();
    await page.getByTestId('finding-highlight').first().waitFor();
    const marks = await page
      .getByTestId('finding-highlight')
      .evaluateAll((els) => els.map((e) => [e.textContent, e.getAttribute('data-severity')]));
    expect(marks).toEqual([
      ['EMP-123456', 'HIGH'],
      ['4539 1488 0343 6467', 'CRITICAL'],
    ]);
    const explanations = page.getByTestId('finding-explanation');
    expect(await explanations.count()).toBe(2);
    const custom = await page
      .locator('[data-testid="finding-explanation"][data-detector="EMPLOYEE_ID"]')
      .textContent();
    expect(custom).toContain('EMPLOYEE_ID');
    expect(custom).toMatch(/confidence \d+%/);
    expect(await page.locator('[data-detector="CREDIT_CARD"] .why li').count()).toBeGreaterThan(0);
    if (SCREENSHOTS) {
      await page.screenshot({ path: `${SCREENSHOTS}/detectors-page.png`, fullPage: true });
      await page.screenshot({ path: `${SCREENSHOTS}/detectors-bench.png` });
      await page.getByTestId('detector-form').screenshot({ path: `${SCREENSHOTS}/detectors-form.png` });
    }
  });

  it('saves the DLP settings', async () => {
    await page.getByTestId('settings-domains').fill('acme-corp.com');
    await page.getByTestId('log-level-METADATA_ONLY').check();
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('settings-domains').inputValue()).toBe('acme-corp.com');
    expect(await page.getByTestId('log-level-METADATA_ONLY').isChecked()).toBe(true);
  });

  it('saves the data retention, and shows the API’s error for an impossible one', async () => {
    await expect.poll(() => page.getByTestId('retention-days').inputValue()).toBe('400');
    await page.getByTestId('retention-days').fill('90');
    await page.getByTestId('retention-save').click();
    await page.getByTestId('retention-saved').waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('retention-days').inputValue()).toBe('90');
    // Past the browser's own check (max 3650), the API refuses and nothing changes.
    await page
      .getByTestId('retention-days')
      .evaluate((input: { removeAttribute(name: string): void }) => input.removeAttribute('max'));
    await page.getByTestId('retention-days').fill('5000');
    await page.getByTestId('retention-save').click();
    await page.getByTestId('retention-error').waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('retention-days').inputValue()).toBe('90');
  });
});
