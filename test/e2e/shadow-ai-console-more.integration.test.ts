import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, signInAt } from '../helpers/browser.ts';
import { registerExtension, sighting, signIn, type ExtensionClient } from '../helpers/clients.ts';
import type { HttpClient } from '../helpers/http.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { readDemo, startKairro, type DemoCredentials, type PlatformProcess } from '../helpers/platform.ts';
import { addDemoUser } from '../helpers/users.ts';

const ANALYST = { email: 'analyst@demo.kairro.local', password: 'analyst-password' };
/** The admin of a second org, where nobody used an AI tool. */
const QUIET = { email: 'admin@quiet.example', password: 'quiet-admin-password' };
const TOOL = { id: 'deepseek', name: 'DeepSeek', url: 'https://chat.deepseek.com/a/chat/s/1' };
const HOST = 'chat.other-ai.dev';
const USER = 'erin@example.com';

/**
 * The Shadow AI console's other screens in headless Chromium against the embedded platform: the
 * org adds (and deletes) its own tool through the form, restores a dismissed host to the queue,
 * and sees who used which tool. shadow-ai-console.integration.test.ts covers the first pages.
 */
describe('Shadow AI console: custom tools, dismissed hosts, people', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let browser: Browser;
  let page: Page;
  let admin: HttpClient;
  let erin: ExtensionClient;
  const url = (path: string) => `${platform.apiUrl}${path}`;
  const poll = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 200 });
  const byTestId = (testid: string, attr: string, value: string) =>
    page.locator(`[data-testid="${testid}"][data-${attr}="${value}"]`);
  /** What the extension does when it sees an AI tool in use. */
  const sight = async (pageUrl: string, signal: 'catalog' | 'heuristic') => {
    const res = await erin.reportSightings([sighting(pageUrl, signal)]);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  };
  const customTool = async (id: string) =>
    (await admin.get('/v1/admin/shadow-ai/tools')).body.tools.find((t: any) => t.id === id);

  beforeAll(async () => {
    db = await createTestDatabase();
    [platform, browser] = await Promise.all([
      startKairro({ env: { DATABASE_URL: db.url } }),
      launchBrowser(),
    ]);
    demo = readDemo(platform.dataDir);
    await addDemoUser(db.url, { ...ANALYST, role: 'ANALYST' });
    erin = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'shadow-more-erin',
      email: USER,
    });
    admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.on('dialog', (d) => void d.accept());

    await sight(TOOL.url, 'catalog');
    await sight(TOOL.url, 'catalog');
    await sight(`https://${HOST}/c/7`, 'heuristic');
    // The stream writes to ClickHouse within about a second.
    await vi.waitFor(
      async () => {
        const { hosts } = (await admin.get('/v1/admin/shadow-ai/discovered?hours=24')).body;
        expect(hosts.map((h: any) => h.host)).toContain(HOST);
      },
      { timeout: 15_000, interval: 200 },
    );
    await signInAt(page, platform.apiUrl!, '/shadow-ai?range=24h', {
      email: demo.adminEmail,
      password: demo.adminPassword,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await db?.drop();
  });

  it('adds a custom tool through the form and opens its page', async () => {
    await page.getByTestId('add-tool-link').click();
    await page.waitForURL(/\/shadow-ai\/tools\/new\?range=24h$/);
    await page.getByTestId('custom-tool-name').fill('Acme Chat');
    expect(await page.getByTestId('custom-tool-id').inputValue()).toBe('acme-chat');
    await page.getByTestId('custom-tool-vendor').fill('Acme');
    await page.getByTestId('custom-tool-category').selectOption('coding');
    await page.getByTestId('custom-tool-domains').fill('chat.acme.dev');
    await page.getByTestId('custom-tool-attributes').locator('summary').click();
    await byTestId('custom-tool-attribute', 'attribute', 'sso').selectOption('yes');
    await byTestId('custom-tool-attribute', 'attribute', 'hqJurisdiction').fill('de');
    await page.getByTestId('custom-tool-save').click();

    await page.waitForURL(/\/shadow-ai\/acme-chat\?range=24h$/);
    await poll(() => page.getByTestId('shadow-tool-name').textContent()).toBe('Acme Chat');
    expect(await page.getByTestId('shadow-tool-meta').textContent()).toContain("your organisation's tool");
    await poll(() => page.getByTestId('risk-factor').count()).toBe(8);
    expect(await customTool('acme-chat')).toMatchObject({
      name: 'Acme Chat',
      vendor: 'Acme',
      category: 'coding',
      origin: 'custom',
      domains: ['chat.acme.dev'],
      urlPatterns: ['https://chat.acme.dev/*'],
      attributes: { sso: { value: 'yes' }, hqJurisdiction: { value: 'DE' } },
    });
  });

  it("shows the API's 409 next to the form for a taken id", async () => {
    await page.goto(url('/shadow-ai/tools/new'));
    await page.getByTestId('custom-tool-name').fill('Acme Chat');
    await page.getByTestId('custom-tool-domains').fill('chat.acme.dev');
    await page.getByTestId('custom-tool-save').click();
    await poll(() => page.getByTestId('custom-tool-error').textContent()).toBe(
      'A custom tool with id "acme-chat" already exists in your organisation.',
    );
    await page.getByTestId('custom-tool-id').fill(TOOL.id);
    await page.getByTestId('custom-tool-save').click();
    await poll(() => page.getByTestId('custom-tool-error').textContent()).toBe(
      `"${TOOL.id}" is a catalog tool; choose another id.`,
    );
    expect(page.url()).toMatch(/\/shadow-ai\/tools\/new$/);
  });

  it('deletes a custom tool once it has no decision', async () => {
    await page.goto(url('/shadow-ai/acme-chat?range=24h'));
    await page.getByTestId('decision-approve').click();
    await poll(() => page.getByTestId('decision-status').getAttribute('data-status')).toBe('approved');
    await page.getByTestId('shadow-delete-tool').click();
    await poll(() => page.getByTestId('shadow-error').textContent()).toBe(
      'Custom tool "acme-chat" has a decision; clear it first.',
    );
    await page.getByTestId('decision-clear').click();
    await poll(() => page.getByTestId('decision-status').getAttribute('data-status')).toBe('unreviewed');
    await page.getByTestId('shadow-delete-tool').click();
    await page.waitForURL(/\/shadow-ai\?range=24h$/);
    expect(await customTool('acme-chat')).toBeUndefined();
    // A catalog tool offers no delete.
    await page.goto(url(`/shadow-ai/${TOOL.id}`));
    await poll(() => page.getByTestId('risk-factor').count()).toBe(8);
    expect(await page.getByTestId('shadow-delete-tool').count()).toBe(0);
  });

  it('dismisses a discovered host and restores it to the queue', async () => {
    await page.goto(url('/shadow-ai/discovered?range=24h'));
    const queued = byTestId('discovered-row', 'host', HOST);
    const dismissed = byTestId('dismissed-row', 'host', HOST);
    await queued.waitFor();
    await poll(() => page.getByTestId('dismissed-summary').textContent()).toBe('Dismissed (0)');
    await queued.getByTestId('discovered-dismiss').click();
    await poll(() => queued.count()).toBe(0);
    expect(await page.getByTestId('dismissed-summary').textContent()).toBe('Dismissed (1)');

    await page.reload();
    await poll(() => page.getByTestId('dismissed-summary').textContent()).toBe('Dismissed (1)');
    expect(await queued.count()).toBe(0);
    await page.getByTestId('dismissed-summary').click();
    await dismissed.getByTestId('dismissed-restore').click();
    await queued.waitFor();
    expect(await dismissed.count()).toBe(0);
    expect(await page.getByTestId('discovered-notice').textContent()).toBe(`${HOST} is back in the queue.`);
    expect((await admin.get('/v1/admin/shadow-ai/dismissed')).body.hosts).toEqual([]);
  });

  it('lists who used which tool, by user and by team', async () => {
    await page.goto(url('/shadow-ai?range=24h'));
    await page.getByTestId('people-link').click();
    await page.waitForURL(/\/shadow-ai\/people\?range=24h$/);
    const row = byTestId('people-row', 'key', USER);
    await row.waitFor();
    expect(await row.getByTestId('people-events').textContent()).toBe('3');
    const chip = row.locator(`[data-testid="people-tool"][data-id="${TOOL.id}"]`);
    expect(await chip.textContent()).toMatch(new RegExp(`^${TOOL.name}\\s*2$`));
    expect(await row.locator(`[data-testid="people-tool"][data-id="${HOST}"]`).count()).toBe(1);

    await page.getByTestId('range-team').click();
    await page.waitForURL(/by=team/);
    await poll(() => page.getByTestId('people-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('people-table').textContent()).not.toContain(USER);
    await page.getByTestId('range-user').click();
    await byTestId('people-row', 'key', USER).waitFor();

    await byTestId('people-row', 'key', USER)
      .locator(`[data-testid="people-tool"][data-id="${TOOL.id}"]`)
      .click();
    await page.waitForURL(/\/shadow-ai\/deepseek\?range=24h$/);
    await poll(() => page.getByTestId('shadow-tool-name').textContent()).toBe(TOOL.name);
  });

  it('shows another org an empty people page, and the error when the API cannot be reached', async () => {
    await addDemoUser(db.url, { ...QUIET, role: 'ADMIN', orgSlug: 'quiet' });
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    try {
      const quiet = await context.newPage();
      await signInAt(quiet, platform.apiUrl!, '/shadow-ai/people?range=30d', QUIET);
      // The demo org's people are not this org's: the page says nobody used a tool.
      await quiet.getByTestId('people-empty').waitFor();
      expect(await quiet.getByTestId('people-row').count()).toBe(0);
      expect(await quiet.getByTestId('people-error').count()).toBe(0);

      await quiet.route(
        (u) => u.pathname === '/v1/admin/shadow-ai/users',
        (route) => route.abort(),
      );
      await quiet.getByTestId('range-team').click();
      await quiet.getByTestId('people-error').waitFor();
      expect(await quiet.getByTestId('people-error').textContent()).not.toBe('');
      // An error is not "nobody": the users' empty state made way for what could not be loaded.
      expect(await quiet.getByTestId('people-empty').count()).toBe(0);
      expect(await quiet.getByTestId('people-table').count()).toBe(0);
      expect(await quiet.getByTestId('people-loading').textContent()).toContain('Could not load the teams');
    } finally {
      await context.close();
    }
  });

  it('shows an analyst the pages without the write buttons', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    try {
      const analyst = await context.newPage();
      await signInAt(analyst, platform.apiUrl!, '/shadow-ai?range=24h', ANALYST);
      await analyst.getByTestId('people-link').waitFor();
      expect(await analyst.getByTestId('add-tool-link').count()).toBe(0);
      await analyst.goto(url('/shadow-ai/tools/new'));
      await analyst.getByTestId('custom-tool-readonly').waitFor();
      await analyst.goto(url('/shadow-ai/discovered?range=24h'));
      await analyst.getByTestId('dismissed-summary').waitFor();
      await analyst
        .getByTestId('discovered-dismiss')
        .count()
        .then((n) => expect(n).toBe(0));
    } finally {
      await context.close();
    }
  });
});
