import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAt } from '../helpers/browser.ts';
import { registerExtension, signIn } from '../helpers/clients.ts';
import type { HttpClient } from '../helpers/http.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { addDemoUser } from '../helpers/users.ts';
import {
  eventually,
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../helpers/platform.ts';

/** Set to a folder to keep screenshots of the pages (for looking at them, not asserted). */
const SCREENSHOTS = process.env.KAIRRO_SCREENSHOTS;
const DRAFT = 'No Claude for anyone';
const ANALYST = { email: 'analyst@demo.kairro.local', password: 'analyst-password' };

/**
 * Policy management as an admin does it, in headless Chromium against the real embedded platform:
 * the list and its tabs, the editor, simulation against stored events, activation, the audit log,
 * the explain view, YAML export/import, and the read-only view of an analyst. The platform runs
 * against a database on the machine's PostgreSQL so the test can add the analyst.
 */
describe('Policies console in Chromium', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let browser: Browser;
  let page: Page;
  let admin: HttpClient;
  let draftId: string;
  const url = (path: string) => `${platform.apiUrl}${path}`;
  /** Simulation and explain query chDB, which runs one query at a time: allow for it. */
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
  const row = (name: string) => page.locator(`[data-testid="policy-row"][data-name="${name}"]`);
  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    [platform, browser] = await Promise.all([
      startKairro({ env: { DATABASE_URL: db.url } }),
      launchBrowser(),
    ]);
    demo = readDemo(platform.dataDir);
    await addDemoUser(db.url, { ...ANALYST, role: 'ANALYST' });
    const ana = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'policies-test-ana',
      email: 'ana@example.com',
    });
    const bob = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'policies-test-bob',
      email: 'bob@example.com',
    });
    const sent = [
      await bob.evaluate('https://claude.ai/new', 'summarise the meeting notes'),
      await bob.evaluate('https://claude.ai/new', 'what is a good name for a cat'),
      await bob.evaluate('https://claude.ai/new', 'refund card 4539 1488 0343 6467 please'),
      await ana.evaluate('https://chatgpt.com/', 'draft a polite reminder email'),
      await ana.evaluate('https://claude.ai/new', 'translate good morning to french'),
    ];
    expect(sent.map((r) => r.body.action)).toEqual(['ALLOW', 'ALLOW', 'BLOCK', 'ALLOW', 'ALLOW']);
    admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
    await eventually(async () => (await admin.get('/v1/admin/events')).body.events.length >= 5, 30_000);

    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1360, height: 1000 } });
    page.on('dialog', (d) => void d.accept());
    await signInAt(page, platform.apiUrl!, '/policies', {
      email: demo.adminEmail,
      password: demo.adminPassword,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await db?.drop();
  });

  it('lists the default policies under the Active and Default tabs', async () => {
    await expect.poll(() => page.locator('nav a[aria-current="page"]').textContent()).toBe('Policies');
    await row('Block high and critical sensitive data').waitFor();

    await page.getByTestId('policy-tab-default').click();
    await poll(() => page.getByTestId('policy-row').count()).toBe(5);
    expect(await page.getByTestId('policy-tab-default').getByTestId('policy-tab-count').textContent()).toBe(
      '5',
    );
    const defaults = row('Warn on medium sensitive data');
    expect(await defaults.getByTestId('policy-delete').isDisabled()).toBe(true);
    expect(await defaults.getByTestId('policy-delete').getAttribute('title')).toMatch(/disable them instead/);

    await page.getByTestId('policy-tab-active').click();
    await poll(() => page.getByTestId('policy-row').count()).toBe(4);
    expect(page.url()).toMatch(/\?tab=active$/);
    const statuses = await page
      .getByTestId('policy-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['ACTIVE']));
    expect(await row('Block chosen providers and models').count()).toBe(0);
    await shot('policies-list');
  });

  it('shows the API’s error for a bad regex next to the rule, and creates nothing', async () => {
    await page.getByTestId('new-policy').click();
    await page.waitForURL(/\/policies\/new$/);
    await page.getByTestId('policy-name').fill('Bad regex policy');
    await page.getByTestId('rule-regex').fill('(unclosed');
    await page.getByTestId('policy-save').click();
    await poll(() => page.getByTestId('policy-form-error').textContent()).toMatch(/rule 1: regex/i);
    expect(await page.getByTestId('rule-error').textContent()).toMatch(/regex/);
    expect(page.url()).toMatch(/\/policies\/new$/);
    const names = (await admin.get('/v1/admin/policies')).body.policies.map((p: any) => p.name);
    expect(names).not.toContain('Bad regex policy');
  });

  it('creates a draft policy with a DENY_TOOLS rule in the editor', async () => {
    // Still on the form the API refused: the admin drops the regex and turns it into another policy.
    await page.getByTestId('rule-regex').fill('');
    await page.getByTestId('policy-name').fill(DRAFT);
    await page.getByTestId('policy-description').fill('Claude is not approved for company data');
    await page.getByTestId('policy-type').selectOption('SHADOW_AI');
    await page.getByTestId('policy-priority').fill('60');
    const rule = page.getByTestId('rule').first();
    await rule.getByTestId('rule-kind').selectOption('DENY_TOOLS');
    await rule.getByTestId('rule-action').selectOption('BLOCK');
    await rule.getByTestId('rule-severity').selectOption('MEDIUM');
    await rule.getByTestId('rule-description').fill('Claude is blocked');
    await rule.getByTestId('rule-tools').locator('input[data-value="claude"]').check();
    // A second rule, moved above the first and removed again: the list is ordered by the admin.
    await page.getByTestId('add-rule').click();
    await page.getByTestId('rule').nth(1).getByTestId('rule-up').click();
    const claude = (i: number) => page.getByTestId('rule').nth(i).locator('input[data-value="claude"]');
    await poll(() => claude(1).isChecked()).toBe(true);
    expect(await claude(0).isChecked()).toBe(false);
    await page.getByTestId('rule').first().getByTestId('rule-remove').click();
    await poll(() => page.getByTestId('rule').count()).toBe(1);
    await shot('policy-editor-new');

    // Before it exists: the simulation and the explain view run the form as it is.
    await page.getByTestId('range-1').click();
    await page.getByTestId('simulate-run').click();
    await poll(() => page.getByTestId('simulate-changed').textContent()).toBe('3');
    await page.getByTestId('explain-prompt').fill('hello');
    await page.getByTestId('explain-user').fill('ana@example.com');
    await page.getByTestId('explain-tool').selectOption({ label: 'Claude — https://claude.ai/' });
    await page.getByTestId('explain-run').click();
    await poll(() => page.getByTestId('explain-action').getAttribute('data-action')).toBe('BLOCK');
    await page.getByTestId('explain-include-draft').uncheck();
    await page.getByTestId('explain-run').click();
    await poll(() => page.getByTestId('explain-action').getAttribute('data-action')).toBe('ALLOW');

    await page.getByTestId('policy-save').click();
    await page.waitForURL(/\/policies\/[0-9a-f-]{36}$/);
    draftId = page.url().split('/').at(-1)!;
    await poll(() => page.getByTestId('editor-title').textContent()).toContain(DRAFT);
    const stored = (await admin.get(`/v1/admin/policies/${draftId}`)).body;
    expect(stored).toMatchObject({ status: 'DRAFT', type: 'SHADOW_AI', priority: 60, scope: 'ORG' });
    expect(stored.rules).toEqual([
      expect.objectContaining({
        kind: 'DENY_TOOLS',
        action: 'BLOCK',
        severity: 'MEDIUM',
        description: 'Claude is blocked',
        criteria: { tools: ['claude'] },
      }),
    ]);

    await page.goto(url('/policies?tab=draft'));
    await row(DRAFT).waitFor();
    expect(await page.getByTestId('policy-row').count()).toBe(1);
    expect(await row(DRAFT).getByTestId('policy-status').textContent()).toBe('draft');
  });

  it('simulates the draft against the stored events', async () => {
    await page.goto(url(`/policies/${draftId}`));
    await page.getByTestId('simulate-run').waitFor();
    await page.getByTestId('range-1').click();
    await page.getByTestId('simulate-run').click();
    await poll(() => page.getByTestId('simulate-changed').textContent()).toBe('3');
    expect(await page.getByTestId('simulate-events').textContent()).toBe('5');
    expect(await page.getByTestId('simulate-restricted').textContent()).toBe('3');
    const transitions = page.getByTestId('simulate-transition');
    expect(await transitions.count()).toBe(1);
    expect(await transitions.first().getAttribute('data-from')).toBe('ALLOW');
    expect(await transitions.first().getAttribute('data-to')).toBe('BLOCK');
    await page.getByTestId('simulate-chart').locator('svg').first().waitFor();
    const users = await page.getByTestId('simulate-users').textContent();
    expect(users).toContain('bob@example.com');
    expect(users).toContain('ana@example.com');
    expect(await page.getByTestId('simulate-tools').textContent()).toContain('Claude');
    expect(await page.getByTestId('simulate-sample').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('simulate-samples').textContent()).toContain(DRAFT);
    await shot('policy-simulation');
  });

  it('activates the draft from the list and records who did it in the audit log', async () => {
    await page.goto(url('/policies?tab=draft'));
    await row(DRAFT).getByTestId('policy-toggle').click();
    await poll(() => page.getByTestId('policies-notice').textContent()).toBe(`${DRAFT} is now active.`);
    // No longer a draft: it leaves this tab for the Active one.
    expect(await row(DRAFT).count()).toBe(0);
    expect((await admin.get(`/v1/admin/policies/${draftId}`)).body.status).toBe('ACTIVE');
    await page.getByTestId('policy-tab-active').click();
    expect(await row(DRAFT).getAttribute('data-status')).toBe('ACTIVE');
    expect(await row(DRAFT).getByTestId('policy-toggle').isChecked()).toBe(true);

    await page.locator('nav a', { hasText: 'Audit' }).click();
    await page.waitForURL(/\/audit$/);
    const newest = page.getByTestId('audit-entry').first();
    await poll(() => newest.getByTestId('audit-description').textContent()).toContain(DRAFT);
    expect(await newest.getByTestId('audit-actor').textContent()).toBe(demo.adminEmail);
    await newest.getByTestId('audit-toggle').click();
    const diff = await newest.getByTestId('audit-diff').textContent();
    expect(diff).toContain('status');
    expect(diff).toContain('"DRAFT"');
    expect(diff).toContain('"ACTIVE"');
    // The create is older, further down the log.
    const changes = await page
      .getByTestId('audit-entry')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-change')));
    expect(changes.slice(0, 2)).toEqual(['update', 'create']);
    await shot('audit-log');
  });

  it('explains a prompt and shows the matched rule in the trace', async () => {
    await page.goto(url('/policies/explain'));
    await page.getByTestId('explain-prompt').fill('what is a good name for a dog');
    await page.getByTestId('explain-user').fill('bob@example.com');
    await page.getByTestId('explain-tool').selectOption({ label: 'Claude — https://claude.ai/' });
    await page.getByTestId('explain-run').click();
    await poll(() => page.getByTestId('explain-action').getAttribute('data-action')).toBe('BLOCK');
    expect(await page.getByTestId('explain-reasons').textContent()).toContain(DRAFT);
    const matched = page.locator('[data-testid="trace-step"][data-stage="rule"][data-outcome="matched"]');
    expect(await matched.count()).toBe(1);
    expect(await matched.textContent()).toContain(DRAFT);
    expect(await matched.evaluate((el) => el.classList.contains('hit'))).toBe(true);
    expect(
      await page.locator('[data-testid="trace-step"][data-outcome="not-matched"]').count(),
    ).toBeGreaterThan(0);
    await shot('policy-explain');
  });

  it('exports every policy as a YAML download', async () => {
    await page.goto(url('/policies'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-yaml').click(),
    ]);
    expect(download.suggestedFilename()).toBe('kairro-policies.yaml');
    const yaml = readFileSync((await download.path())!, 'utf8');
    expect(yaml).toContain(`name: ${DRAFT}`);
    expect(yaml).toContain('Block high and critical sensitive data');
  });

  it('imports YAML after a dry run, and shows the API’s error for a bad file', async () => {
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-yaml').fill('version: 1\npolicies:\n  - name: [unclosed\n');
    await page.getByTestId('import-check').click();
    await poll(() => page.getByTestId('import-error').textContent()).toMatch(/line/i);
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);

    const yaml = [
      'version: 1',
      'policies:',
      '  - name: Imported token limit',
      '    type: OTHER',
      '    status: DRAFT',
      '    rules:',
      '      - kind: TOKEN_LIMIT',
      '        action: WARN',
      '        criteria:',
      '          maxTokens: 8000',
    ].join('\n');
    await page.getByTestId('import-yaml').fill(yaml);
    await page.getByTestId('import-check').click();
    await poll(() => page.getByTestId('import-created-count').textContent()).toBe('1');
    expect(await page.getByTestId('import-change').textContent()).toContain('Imported token limit');
    expect(await row('Imported token limit').count()).toBe(0);
    await page.getByTestId('import-apply').click();
    await poll(() => page.getByTestId('policies-notice').textContent()).toContain('1 created');
    await row('Imported token limit').waitFor();
    expect(await row('Imported token limit').getAttribute('data-status')).toBe('DRAFT');
  });

  it('deletes a custom policy from the list', async () => {
    await row('Imported token limit').getByTestId('policy-delete').click();
    await poll(() => row('Imported token limit').count()).toBe(0);
    const names = (await admin.get('/v1/admin/policies')).body.policies.map((p: any) => p.name);
    expect(names).not.toContain('Imported token limit');
  });

  it('scopes a policy to a team picked from the org’s teams', async () => {
    expect((await admin.post('/v1/admin/teams', { name: 'Finance' })).status).toBe(201);
    await page.goto(url('/policies/new'));
    await page.getByTestId('policy-name').fill('Finance may not paste files');
    await page.getByTestId('policy-scope').selectOption('TEAM');
    await page.getByTestId('policy-target').selectOption({ label: 'Finance (0)' });
    const rule = page.getByTestId('rule').first();
    await rule.getByTestId('rule-min-severity').selectOption('MEDIUM');
    await rule.getByTestId('rule-detectors').locator('input[data-value="EMAIL"]').check();
    await rule.getByTestId('rule-advanced').click();
    await rule.getByTestId('rule-input-types').locator('input[data-value="file"]').check();
    await rule.getByTestId('rule-add-condition').click();
    await rule.getByTestId('rule-condition').getByLabel('Key').fill('department');
    await rule.getByTestId('rule-condition').getByLabel('Operator').selectOption('in');
    await rule.getByTestId('rule-condition').getByLabel('Value').fill('finance, accounting');
    await page.getByTestId('policy-save').click();
    await page.waitForURL(/\/policies\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1)!;
    const stored = (await admin.get(`/v1/admin/policies/${id}`)).body;
    expect(stored).toMatchObject({ scope: 'TEAM', scopeTargetName: 'Finance', status: 'DRAFT' });
    expect(stored.rules[0].criteria).toEqual({
      minSeverity: 'MEDIUM',
      detectors: ['EMAIL'],
      inputTypes: ['file'],
      metadata: [{ key: 'department', op: 'in', value: ['finance', 'accounting'] }],
    });
    await page.goto(url('/policies?tab=custom'));
    await poll(() => row('Finance may not paste files').locator('td').nth(2).textContent()).toBe(
      'Team · Finance',
    );
  });

  it('pages through the audit log and filters it by kind of change', async () => {
    for (let i = 1; i <= 25; i++)
      expect(
        (await admin.post('/v1/admin/teams', { name: `Team ${String(i).padStart(2, '0')}` })).status,
      ).toBe(201);
    await page.goto(url('/audit'));
    const entries = page.getByTestId('audit-entry');
    await poll(() => entries.count()).toBe(25);
    expect(await entries.first().getByTestId('audit-description').textContent()).toContain('Team 25');
    await page.getByTestId('audit-load-more').click();
    await poll(() => page.getByTestId('audit-end').count()).toBe(1);
    const total = await entries.count();
    expect(total).toBeGreaterThan(25);
    const times = await entries
      .locator('time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect([...times].sort().reverse()).toEqual(times);

    await page.getByTestId('range-policy').click();
    await page.waitForURL(/\/audit\?entity=policy$/);
    await poll(() =>
      entries.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-entity')))]),
    ).toEqual(['policy']);
    expect(await entries.count()).toBeLessThan(total);
  });

  it('shows an analyst the policies read-only, with simulation and explain still available', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    try {
      const analyst = await context.newPage();
      await signInAt(analyst, platform.apiUrl!, '/policies', ANALYST);
      await analyst.locator(`[data-testid="policy-row"][data-name="${DRAFT}"]`).waitFor();
      expect(await analyst.getByTestId('new-policy').count()).toBe(0);
      expect(await analyst.getByTestId('import-open').count()).toBe(0);
      expect(await analyst.getByTestId('policy-toggle').count()).toBe(0);
      expect(await analyst.getByTestId('policy-delete').count()).toBe(0);
      expect(await analyst.getByTestId('export-yaml').count()).toBe(1);

      await analyst.goto(url(`/policies/${draftId}`));
      await analyst.getByTestId('policy-readonly').waitFor();
      expect(await analyst.getByTestId('policy-save').count()).toBe(0);
      expect(await analyst.getByTestId('editor-delete').count()).toBe(0);
      expect(await analyst.getByTestId('policy-name').isDisabled()).toBe(true);
      expect(await analyst.getByTestId('rule-kind').isDisabled()).toBe(true);
      await analyst.getByTestId('simulate-run').click();
      await expect
        .poll(() => analyst.getByTestId('simulate-headline').textContent(), { timeout: 20_000 })
        .toMatch(/events/);
    } finally {
      await context.close();
    }
  });
});
