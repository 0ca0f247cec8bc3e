import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, submitLogin } from '../helpers/browser.ts';
import { registerExtension, signIn, type ExtensionClient } from '../helpers/clients.ts';
import type { HttpClient } from '../helpers/http.ts';
import {
  eventually,
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../helpers/platform.ts';

/**
 * The SOC pages as an analyst uses them (overview, events explorer with drill-down and export, DLP
 * analytics), in headless Chromium against the real embedded platform.
 */
describe('SOC console in Chromium', () => {
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let browser: Browser;
  let page: Page;
  let admin: HttpClient;
  let ana: ExtensionClient;
  const url = (path: string) => `${platform.apiUrl}${path}`;
  /** Pages load their analytics in parallel and chDB runs queries one at a time: allow for it. */
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startKairro(), launchBrowser()]);
    demo = readDemo(platform.dataDir);
    ana = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'soc-test-ana',
      email: 'ana@example.com',
    });
    const bob = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'soc-test-bob',
      email: 'bob@example.com',
    });
    const sent = [
      await ana.evaluate('https://chatgpt.com/', 'hello there, summarise this meeting'),
      await ana.evaluate('https://chatgpt.com/', 'mail a.b@acme-corp.com about the offsite'),
      await ana.evaluate('https://chatgpt.com/', 'refund card 4539 1488 0343 6467 please'),
      await bob.evaluate('https://claude.ai/', 'charge 5555 5555 5555 4444 for the order'),
      await bob.evaluate('https://claude.ai/', 'what is a good name for a cat'),
    ];
    expect(sent.map((r) => r.body.action)).toEqual(['ALLOW', 'WARN', 'BLOCK', 'BLOCK', 'ALLOW']);
    admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    await eventually(async () => (await admin.get('/v1/admin/events')).body.events.length >= 5);

    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1360, height: 1000 } });
    await page.goto(url('/login'));
    await submitLogin(page, demo.adminEmail, demo.adminPassword);
    await page.waitForURL((u) => u.pathname === '/');
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows counters, the charts with data and the latest blocked prompts on the overview', async () => {
    await poll(() => page.getByTestId('summary-total').textContent()).toContain('5');
    expect(await page.getByTestId('summary-BLOCK').textContent()).toContain('2');
    await page.getByTestId('overview-chart').locator('svg').first().waitFor();
    await page.getByTestId('dlp-trend-chart').locator('svg').first().waitFor();
    await poll(() => page.getByTestId('top-detectors-chart').textContent()).toContain('CREDIT_CARD');
    expect(await page.getByTestId('top-detectors-chart').textContent()).toContain('EMAIL');
    const users = await page.getByTestId('top-users-chart').textContent();
    expect(users).toContain('ana@example.com');
    expect(users).toContain('bob@example.com');
    expect(await page.getByTestId('top-tools-chart').textContent()).toMatch(/ChatGPT/i);

    const blocked = page.getByTestId('latest-blocked').getByTestId('event-row');
    await poll(() => blocked.count()).toBe(2);
    for (const row of await blocked.allTextContents()) expect(row).toContain('BLOCK');
    expect(await page.getByTestId('live-status').isVisible()).toBe(true);
  });

  it('changes the URL and reloads the data when the time range changes', async () => {
    const asked = page.waitForRequest((r) => r.url().includes('/v1/admin/analytics/summary?hours=1'));
    await page.getByTestId('range-1h').click();
    await asked;
    await page.waitForURL(/[?&]range=1h/);
    expect(await page.getByTestId('range-1h').getAttribute('aria-pressed')).toBe('true');
    await poll(() => page.getByTestId('summary-total').textContent()).toContain('5');

    // The range survives a reload: it is in the URL.
    await page.reload();
    expect(await page.getByTestId('range-1h').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('range-30d').click();
    await page.waitForURL(/[?&]range=30d/);
    await poll(() => page.getByTestId('summary-total').textContent()).toContain('5');
  });

  it('filters the events explorer by action, keeping the filter in the URL', async () => {
    await page.goto(url('/events'));
    await poll(() => page.getByTestId('event-row').count()).toBe(5);
    await page.getByTestId('filter-action-BLOCK').dispatchEvent('click');
    await page.waitForURL(/[?&]action=BLOCK/);
    await poll(() => page.getByTestId('event-row').count()).toBe(2);
    for (const row of await page.getByTestId('event-row').allTextContents()) expect(row).toContain('BLOCK');

    // A shared link opens the same view; text filters apply on Enter.
    await page.goto(url('/events?action=BLOCK,WARN&user=ana@example.com'));
    await poll(() => page.getByTestId('event-row').count()).toBe(2);
    await page.getByTestId('filter-q').fill('about');
    await page.getByTestId('filter-q').press('Enter');
    await page.waitForURL(/[?&]q=about/);
    await poll(() => page.getByTestId('event-row').count()).toBe(1);
    expect(await page.getByTestId('event-row').textContent()).toContain('WARN');
  });

  it('drills down into an event’s DLP matches', async () => {
    await page.goto(url('/events?action=BLOCK&user=bob@example.com'));
    await poll(() => page.getByTestId('event-row').count()).toBe(1);
    await page.getByTestId('event-details').click();
    const detail = page.getByTestId('event-detail');
    await detail.getByTestId('dlp-match').first().waitFor();
    const text = await detail.textContent();
    expect(text).toContain('CREDIT_CARD');
    expect(text).toContain('CRITICAL');
    expect(text).toMatch(/7–26/); // "charge 5555 5555 5555 4444": the card's UTF-16 span
    expect(await detail.getByTestId('dlp-snippet').textContent()).toContain('[CREDIT_CARD]');
    expect(text).not.toContain('5555 5555');
    await detail.getByTestId('event-detail-close').click();
    await poll(() => page.getByTestId('event-detail').count()).toBe(0);
  });

  it('exports the filtered view as CSV', async () => {
    await page.goto(url('/events?action=BLOCK'));
    await poll(() => page.getByTestId('event-row').count()).toBe(2);
    const href = await page.getByTestId('export-ndjson').getAttribute('href');
    expect(href).toContain('format=ndjson');
    expect(href).toContain('action=BLOCK');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv).toHaveLength(3); // header + the two blocked events
    expect(csv[0]).toMatch(/action/i);
    for (const line of csv.slice(1)) expect(line).toContain('BLOCK');
  });

  it('shows the top detectors and patterns on the DLP page', async () => {
    await page.goto(url('/'));
    await page.getByRole('link', { name: 'DLP', exact: true }).click();
    await page.waitForURL(/\/dlp/);
    await poll(() => page.getByTestId('dlp-detectors-chart').textContent()).toContain('CREDIT_CARD');
    expect(await page.getByTestId('dlp-detectors-chart').textContent()).toContain('EMAIL');
    await page.getByTestId('dlp-severity-chart').locator('svg').first().waitFor();
    await page.getByTestId('dlp-trend-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('dlp-stat-findings').textContent()).toContain('3');
    expect(await page.getByTestId('dlp-stat-high-critical').textContent()).toContain('2');
    const patterns = await page.getByTestId('pattern-row').allTextContents();
    expect(patterns[0]).toContain('CREDIT_CARD');
    expect(patterns.join(' ')).toContain('EMAIL');
    expect(await page.getByTestId('dlp-users').textContent()).toContain('bob@example.com');

    await page.getByTestId('range-day').click();
    await page.waitForURL(/[?&]bucket=day/);
    await page.getByTestId('dlp-trend-chart').locator('svg').first().waitFor();
  });

  it('streams a new decision onto the overview without a reload (live feed)', async () => {
    await page.goto(url('/'));
    await poll(() => page.getByTestId('live-status').getAttribute('data-state')).toBe('live');
    await poll(() => page.getByTestId('summary-total').textContent()).toContain('5');
    await poll(() => page.getByTestId('live-total').count()).toBe(1); // the server's counters frames
    await poll(() => page.getByTestId('latest-blocked').getByTestId('event-row').count()).toBe(2);

    // From here on the page cannot poll: only the WebSocket (not routed) can bring the event.
    await page.route(
      (u) => u.pathname.startsWith('/v1/admin/analytics/') || u.pathname.startsWith('/v1/admin/events'),
      (route) => route.abort(),
    );
    const decision = await ana.evaluate('https://chatgpt.com/', 'pay with 4539 1488 0343 6467 today');
    expect(decision.body.action).toBe('BLOCK');

    const row = page.locator(`[data-testid="latest-blocked"] [data-event-id="${decision.body.eventId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('ana@example.com');
    await poll(() => page.getByTestId('summary-total').textContent()).toContain('6');
    expect(await page.getByTestId('summary-BLOCK').textContent()).toContain('3');
    await page.unrouteAll();
  });

  it('keeps the overview up to date by polling when the live feed cannot connect', async () => {
    await page.routeWebSocket(/\/v1\/admin\/live/, (ws) => ws.close());
    await page.goto(url('/'));
    await poll(() => page.getByTestId('live-status').getAttribute('data-state')).toMatch(
      /reconnecting|offline/,
    );
    await poll(() => page.getByTestId('summary-total').textContent()).toContain('6');
    expect(await page.getByTestId('live-total').count()).toBe(0);

    await ana.evaluate('https://chatgpt.com/', 'one more harmless question');
    // The next 10 s poll brings it.
    await expect
      .poll(() => page.getByTestId('summary-total').textContent(), { timeout: 25_000 })
      .toContain('7');
    await poll(() => page.getByTestId('live-status').getAttribute('data-state')).toBe('offline');
  });
});
