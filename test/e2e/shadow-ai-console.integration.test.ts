import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAt } from '../helpers/browser.ts';
import { registerExtension, sighting, signIn, type ExtensionClient } from '../helpers/clients.ts';
import type { HttpClient } from '../helpers/http.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { readDemo, startKairro, type DemoCredentials, type PlatformProcess } from '../helpers/platform.ts';
import { addDemoUser } from '../helpers/users.ts';

/** Set to a folder to keep screenshots of the pages (for looking at them, not asserted). */
const SCREENSHOTS = process.env.KAIRRO_SCREENSHOTS;
const ANALYST = { email: 'analyst@demo.kairro.local', password: 'analyst-password' };
/** A catalog tool (headquartered in CN) that new orgs start with approved. */
const TOOL = { id: 'deepseek', url: 'https://chat.deepseek.com/a/chat/s/1' };
const HOST = 'chat.example-ai.dev';

/**
 * The Shadow AI pages as an admin uses them, in headless Chromium against the real embedded
 * platform: sightings posted the way the extension posts them fill the inventory (through the
 * stream into ClickHouse), a decision taken on the detail page is what the extension is told at
 * once, a discovered host is reviewed from the queue, and an analyst sees it all read-only.
 */
describe('Shadow AI console in Chromium', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let browser: Browser;
  let page: Page;
  let admin: HttpClient;
  let carol: ExtensionClient;
  let dave: ExtensionClient;
  const url = (path: string) => `${platform.apiUrl}${path}`;
  const poll = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 200 });
  const toolRow = (id: string) => page.locator(`[data-testid="shadow-tool-row"][data-id="${id}"]`);
  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  };
  /** What the extension does when it sees an AI tool in use. */
  const sight = async (
    client: ExtensionClient,
    pageUrl: string,
    signal: 'catalog' | 'heuristic',
    detail?: string,
  ) => {
    const res = await client.reportSightings([sighting(pageUrl, signal, detail ? { detail } : {})]);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  };
  /** What the extension is told about the org's tools (the ingest API, with its token). */
  const extensionPolicy = async () =>
    (await carol.http.get('/v1/extension/policy', { authorization: `Bearer ${carol.token}` })).body;
  const inventory = async () => (await admin.get('/v1/admin/shadow-ai/inventory?hours=24')).body;

  beforeAll(async () => {
    db = await createTestDatabase();
    [platform, browser] = await Promise.all([
      startKairro({ env: { DATABASE_URL: db.url } }),
      launchBrowser(),
    ]);
    demo = readDemo(platform.dataDir);
    await addDemoUser(db.url, { ...ANALYST, role: 'ANALYST' });
    const register = (email: string) =>
      registerExtension(platform.ingestUrl!, {
        licenseKey: demo.licenseKey,
        endpointId: `shadow-${email.split('@')[0]}`,
        email,
      });
    [carol, dave] = await Promise.all([register('carol@example.com'), register('dave@example.com')]);
    admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.on('dialog', (d) => void d.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await db?.drop();
  });

  it('lists a tool after sightings and draws the charts', async () => {
    await sight(carol, TOOL.url, 'catalog');
    await sight(carol, TOOL.url, 'catalog');
    await sight(dave, TOOL.url, 'catalog');
    await sight(carol, `https://${HOST}/c/42`, 'heuristic', 'Chat-like page with a prompt box');
    // The stream writes to ClickHouse within about a second.
    await poll(
      async () => (await inventory()).tools?.find((t: any) => t.tool === TOOL.id)?.events,
      15_000,
    ).toBe(3);

    await signInAt(page, platform.apiUrl!, '/shadow-ai?range=24h', {
      email: demo.adminEmail,
      password: demo.adminPassword,
    });
    await poll(() => page.locator('nav a[aria-current="page"]').textContent()).toBe('Shadow AI');
    await toolRow(TOOL.id).waitFor();
    expect(await toolRow(TOOL.id).getByTestId('shadow-tool-link').textContent()).toBe('DeepSeek');
    expect(await toolRow(TOOL.id).getByTestId('shadow-tool-events').textContent()).toBe('3');
    expect(await toolRow(TOOL.id).getByTestId('shadow-tool-users').textContent()).toBe('2');
    expect(await toolRow(TOOL.id).getAttribute('data-status')).toBe('approved');
    expect(await toolRow(TOOL.id).getByTestId('risk-score').getAttribute('data-level')).not.toBe('UNRATED');
    await page.getByTestId('shadow-trend-chart').locator('svg').first().waitFor();
    await page.getByTestId('shadow-risk-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('shadow-total-events').textContent()).toMatch(/4/);
    await poll(() => page.getByTestId('discovered-count').textContent()).toBe('1');
    expect(await page.getByTestId('shadow-export-csv').getAttribute('href')).toBe(
      '/v1/admin/shadow-ai/inventory?hours=24&format=csv',
    );
    await shot('shadow-ai');
  });

  it('filters the inventory by status', async () => {
    await page.getByTestId('shadow-status-filter').selectOption('unapproved');
    await page.waitForURL(/status=unapproved/);
    await poll(() => toolRow(TOOL.id).count()).toBe(0);
    await page.getByTestId('shadow-status-filter').selectOption('approved');
    await toolRow(TOOL.id).waitFor();
    // The download is the filtered table, and the totals count the same tools.
    expect(await page.getByTestId('shadow-export-csv').getAttribute('href')).toBe(
      '/v1/admin/shadow-ai/inventory?hours=24&format=csv&status=approved',
    );
    const csv = await page.evaluate(
      async (href) => (await fetch(href!)).text(),
      await page.getByTestId('shadow-export-csv').getAttribute('href'),
    );
    expect(csv.split('\r\n')[0]).toMatch(/^tool,name,vendor,category,status,/);
    expect(csv).toContain(`${TOOL.id},DeepSeek,`);
    expect(csv).not.toMatch(/,unreviewed,/);
    const shown = await page.locator('[data-testid="shadow-tool-row"]').count();
    expect(shown).toBe(csv.trim().split('\r\n').length - 1);
    expect(await page.getByTestId('shadow-total-tools').textContent()).toContain(String(shown));
    await page.getByTestId('shadow-status-filter').selectOption('');
  });

  it('explains the score on the detail page', async () => {
    await toolRow(TOOL.id).getByTestId('shadow-tool-link').click();
    await page.waitForURL(/\/shadow-ai\/deepseek\?range=24h$/);
    await poll(() => page.getByTestId('risk-factor').count()).toBe(8);
    expect(await page.getByTestId('shadow-tool-name').textContent()).toBe('DeepSeek');
    expect(await page.getByTestId('shadow-tool-meta').textContent()).toContain('chat.deepseek.com');
    const hq = page.locator('[data-testid="risk-factor"][data-attribute="hqJurisdiction"]');
    expect(await hq.getByTestId('risk-reason').textContent()).toBe(
      'Headquartered in CN, outside the EU adequacy list: +15 of 15',
    );
    expect(await hq.getByTestId('risk-points').textContent()).toBe('15 / 15');
    expect(await hq.getByTestId('risk-source').getAttribute('href')).toMatch(/^https:\/\//);
    // The share of the score that is missing documentation, counted from the rows on the page.
    const values = await page.getByTestId('risk-value').allTextContents();
    const unknownRows = values.filter((v) => v === 'unknown').length;
    const { risk } = (await admin.get(`/v1/admin/shadow-ai/tools/${TOOL.id}`)).body;
    expect(risk.unknown.attributes).toBe(unknownRows);
    if (unknownRows > 0)
      expect(await page.getByTestId('risk-unknown').textContent()).toMatch(
        new RegExp(`${risk.unknown.points} of the ${risk.score} points are for the ${unknownRows}\\s+of 8`),
      );
    else expect(await page.getByTestId('risk-unknown').count()).toBe(0);
    await page.getByTestId('shadow-tool-trend-chart').locator('svg').first().waitFor();
    await poll(() => page.getByTestId('shadow-user-row').count()).toBe(2);
    expect(await page.getByTestId('shadow-event-row').count()).toBe(3);
    await shot('shadow-ai-tool');
  });

  it('overrides an attribute and clears the override', async () => {
    const before = Number((await admin.get(`/v1/admin/shadow-ai/tools/${TOOL.id}`)).body.risk.score);
    const sso = page.locator('[data-testid="risk-factor"][data-attribute="sso"]');
    await sso.getByTestId('risk-edit').click();
    await page.getByTestId('risk-override-value').selectOption('yes');
    await page.getByTestId('risk-override-note').fill('Our enterprise contract has SSO.');
    await page.getByTestId('risk-override-save').click();
    await poll(() => sso.getAttribute('data-overridden')).toBe('true');
    expect(await sso.getByTestId('risk-points').textContent()).toBe('0 / 10');
    const stored = (await admin.get(`/v1/admin/shadow-ai/tools/${TOOL.id}`)).body;
    expect(stored.overridden).toEqual(['sso']);
    expect(stored.risk.score).toBeLessThan(before);

    await sso.getByTestId('risk-clear').click();
    await poll(() => sso.getAttribute('data-overridden')).toBe('false');
    expect((await admin.get(`/v1/admin/shadow-ai/tools/${TOOL.id}`)).body.risk.score).toBe(before);
  });

  it('clears, approves and unapproves with one click, which the extension hears of at once', async () => {
    const status = () => page.getByTestId('decision-status').getAttribute('data-status');
    const listed = async () => {
      const policy = await extensionPolicy();
      const approved = policy.approvedTools.find((t: any) => t.id === TOOL.id);
      const unapproved = policy.unapprovedTools.find((t: any) => t.id === TOOL.id);
      return approved ? 'approved' : unapproved ? `unapproved ${unapproved.action}` : 'none';
    };

    await page.getByTestId('decision-clear').click();
    await poll(status).toBe('unreviewed');
    await poll(listed, 2_000).toBe('none');

    await page.getByTestId('decision-approve').click();
    await poll(status).toBe('approved');
    await poll(listed, 2_000).toBe('approved');
    expect((await extensionPolicy()).approvedTools.find((t: any) => t.id === TOOL.id)).toMatchObject({
      applyPolicies: true,
      urlPatterns: ['https://chat.deepseek.com/*'],
    });

    await page.getByTestId('decision-action').selectOption('BLOCK');
    await page.getByTestId('decision-severity').selectOption('HIGH');
    await page.getByTestId('decision-unapprove').click();
    await poll(status).toBe('unapproved');
    expect(
      await page.getByTestId('decision-status').locator('[data-action]').getAttribute('data-action'),
    ).toBe('BLOCK');
    await poll(listed, 2_000).toBe('unapproved BLOCK');
    expect((await extensionPolicy()).unapprovedTools.find((t: any) => t.id === TOOL.id)).toMatchObject({
      action: 'BLOCK',
      severity: 'HIGH',
    });
    expect((await carol.evaluate(TOOL.url, 'hello')).body.action).toBe('BLOCK');
    await shot('shadow-ai-decided');

    await page.goto(url('/shadow-ai?range=24h'));
    await poll(() => toolRow(TOOL.id).getAttribute('data-status')).toBe('unapproved');
  });

  it('shows a discovered host in the queue and dismisses it', async () => {
    await page.getByTestId('discovered-link').click();
    await page.waitForURL(/\/shadow-ai\/discovered/);
    const row = page.locator(`[data-testid="discovered-row"][data-host="${HOST}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('heuristic');
    expect(await row.textContent()).toContain('Chat-like page with a prompt box');
    await shot('shadow-ai-discovered');
    await row.getByTestId('discovered-dismiss').click();
    await poll(() => row.count()).toBe(0);
    expect((await admin.get('/v1/admin/shadow-ai/dismissed')).body.hosts).toContain(HOST);
    await page.reload();
    await page.getByTestId('discovered-empty').waitFor();
  });

  it('shows an analyst everything without the write buttons', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    try {
      const analyst = await context.newPage();
      await signInAt(analyst, platform.apiUrl!, '/shadow-ai?range=24h', ANALYST);
      await analyst.locator(`[data-testid="shadow-tool-row"][data-id="${TOOL.id}"]`).waitFor();
      await analyst.goto(url(`/shadow-ai/${TOOL.id}?range=24h`));
      await poll(() => analyst.getByTestId('risk-factor').count()).toBe(8);
      expect(await analyst.getByTestId('decision-status').getAttribute('data-status')).toBe('unapproved');
      for (const id of ['decision-approve', 'decision-unapprove', 'decision-clear', 'risk-edit'])
        expect(await analyst.getByTestId(id).count(), id).toBe(0);
      await analyst.goto(url('/shadow-ai/discovered'));
      await analyst.getByTestId('discovered-panel').waitFor();
      expect(await analyst.getByTestId('discovered-dismiss').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
