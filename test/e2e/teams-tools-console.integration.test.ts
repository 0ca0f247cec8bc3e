import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAt } from '../helpers/browser.ts';
import { registerExtension, signIn, type ExtensionClient } from '../helpers/clients.ts';
import type { HttpClient } from '../helpers/http.ts';
import { createTestDatabase } from '../helpers/pg.ts';
import { readDemo, startKairro, type DemoCredentials, type PlatformProcess } from '../helpers/platform.ts';
import { addDemoUser } from '../helpers/users.ts';

/** Set to a folder to keep screenshots of the pages (for looking at them, not asserted). */
const SCREENSHOTS = process.env.KAIRRO_SCREENSHOTS;
const ANALYST = { email: 'analyst@demo.kairro.local', password: 'analyst-password' };
const CAROL = 'carol@example.com';
const SHADOW = { id: 'shadow-chat', name: 'Shadow Chat', pattern: 'https://shadow-chat.example/*' };

/**
 * Teams, employees' teams and AI tool classification as an admin manages them, in headless
 * Chromium against the real embedded platform: every write is checked through the admin API, and
 * a tool change through what the extension polls. The platform runs against a database on the
 * machine's PostgreSQL so the test can add an analyst, who sees both pages read-only.
 */
describe('Teams and AI tools console in Chromium', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: PlatformProcess;
  let demo: DemoCredentials;
  let browser: Browser;
  let page: Page;
  let admin: HttpClient;
  let carol: ExtensionClient;
  let teamId: string;
  const url = (path: string) => `${platform.apiUrl}${path}`;
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });
  const teamRow = (name: string) => page.locator(`[data-testid="team-row"][data-name="${name}"]`);
  const employeeRow = (email: string) => page.locator(`[data-testid="employee-row"][data-email="${email}"]`);
  const toolRow = (id: string) => page.locator(`[data-testid="tool-row"][data-id="${id}"]`);
  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  };
  const identity = async (email: string) =>
    (await admin.get(`/v1/admin/identities?search=${encodeURIComponent(email)}`)).body.identities[0];
  /** What the extension is told about the org's tools (the ingest API, with its token). */
  const extensionPolicy = async () =>
    (await carol.http.get('/v1/extension/policy', { authorization: `Bearer ${carol.token}` })).body;
  const createPolicy = async (body: Record<string, unknown>) => {
    const res = await admin.post('/v1/admin/policies', { type: 'OTHER', status: 'DRAFT', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    [platform, browser] = await Promise.all([
      startKairro({ env: { DATABASE_URL: db.url } }),
      launchBrowser(),
    ]);
    demo = readDemo(platform.dataDir);
    await addDemoUser(db.url, { ...ANALYST, role: 'ANALYST' });
    // Registering is what makes an employee (an identity) known to the org.
    carol = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'teams-test-carol',
      email: CAROL,
    });
    await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'teams-test-dave',
      email: 'dave@example.com',
    });
    admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);

    page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.on('dialog', (d) => void d.accept());
    await signInAt(page, platform.apiUrl!, '/teams', {
      email: demo.adminEmail,
      password: demo.adminPassword,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await db?.drop();
  });

  it('creates a team', async () => {
    await poll(() => page.locator('nav a[aria-current="page"]').textContent()).toBe('Teams');
    await page.getByTestId('teams-empty').waitFor();
    await page.getByTestId('team-new-name').fill('  Support  ');
    await page.getByTestId('team-create').click();
    await teamRow('Support').waitFor();
    expect(await teamRow('Support').getByTestId('team-members').textContent()).toBe('0');
    expect(await page.getByTestId('team-new-name').inputValue()).toBe('');
    const teams = (await admin.get('/v1/admin/teams')).body.teams;
    expect(teams).toEqual([expect.objectContaining({ name: 'Support', memberCount: 0 })]);
    teamId = teams[0].id;
  });

  it('finds a registered employee and puts them in the team', async () => {
    await poll(() => page.getByTestId('employee-row').count()).toBe(2);
    await page.getByTestId('employee-search').fill('carol');
    await poll(() => page.getByTestId('employee-row').count()).toBe(1);
    expect(await employeeRow(CAROL).count()).toBe(1);

    await employeeRow(CAROL).getByTestId('employee-team').selectOption({ label: 'Support' });
    await poll(async () => (await identity(CAROL)).teamName).toBe('Support');
    expect(await page.getByTestId('teams-notice').textContent()).toBe(`${CAROL} is now in team Support.`);
    expect(await teamRow('Support').getByTestId('team-members').textContent()).toBe('1');

    // The filters combine: nobody else is in Support, and Carol is not among those without a team.
    await page.getByTestId('employee-search').fill('');
    await page.getByTestId('employee-team-filter').selectOption({ label: 'Support' });
    await poll(() =>
      page.getByTestId('employee-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email'))),
    ).toEqual([CAROL]);
    await page.getByTestId('employee-team-filter').selectOption({ label: 'No team' });
    await poll(() =>
      page.getByTestId('employee-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email'))),
    ).toEqual(['dave@example.com']);
    await page.getByTestId('employee-team-filter').selectOption({ label: 'All teams' });
    await poll(() => page.getByTestId('employee-row').count()).toBe(2);
    await shot('teams');
  });

  it('renames the team', async () => {
    await teamRow('Support').getByTestId('team-rename').click();
    await page.getByTestId('team-rename-input').fill('Customer Support');
    await page.getByTestId('team-rename-save').click();
    await teamRow('Customer Support').waitFor();
    expect(await teamRow('Support').count()).toBe(0);
    expect((await admin.get('/v1/admin/teams')).body.teams.map((t: any) => t.name)).toEqual([
      'Customer Support',
    ]);
    expect((await identity(CAROL)).teamName).toBe('Customer Support');
    expect(await employeeRow(CAROL).getByTestId('employee-team').inputValue()).toBe(teamId);
  });

  it('shows the API’s refusal to delete a team a policy is scoped to, then deletes it', async () => {
    const policyId = await createPolicy({
      name: 'Support token limit',
      scope: 'TEAM',
      scopeTargetId: teamId,
      rules: [{ kind: 'TOKEN_LIMIT', action: 'WARN', criteria: { maxTokens: 8000 } }],
    });
    await teamRow('Customer Support').getByTestId('team-delete').click();
    await poll(() => page.getByTestId('teams-error').textContent()).toBe(
      'Team "Customer Support" is the scope of "Support token limit"; change or delete those policies first.',
    );
    expect(await teamRow('Customer Support').count()).toBe(1);

    expect((await admin.request('DELETE', `/v1/admin/policies/${policyId}`)).status).toBe(204);
    await teamRow('Customer Support').getByTestId('team-delete').click();
    await poll(() => teamRow('Customer Support').count()).toBe(0);
    expect(await page.getByTestId('teams-error').count()).toBe(0);
    await page.getByTestId('teams-empty').waitFor();
    expect((await admin.get('/v1/admin/teams')).body.teams).toEqual([]);
    expect((await identity(CAROL)).teamId).toBeNull();
    expect(await employeeRow(CAROL).getByTestId('employee-team').inputValue()).toBe('');
  });

  it('pages through the employees with Load more', async () => {
    const emails = Array.from({ length: 50 }, (_, i) => `emp-${String(i + 1).padStart(2, '0')}@example.com`);
    await Promise.all(
      emails.map((email) =>
        registerExtension(platform.ingestUrl!, {
          licenseKey: demo.licenseKey,
          endpointId: `teams-${email.split('@')[0]}`,
          email,
        }),
      ),
    );
    await page.goto(url('/teams'));
    const rows = page.getByTestId('employee-row');
    await poll(() => rows.count()).toBe(50);
    await page.getByTestId('employees-load-more').click();
    await poll(() => rows.count()).toBe(52);
    expect(await page.getByTestId('employees-load-more').count()).toBe(0);
    const shown = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-email')));
    expect(shown).toEqual([CAROL, 'dave@example.com', ...emails]);

    await page.getByTestId('employee-search').fill('EMP-4');
    await poll(() => rows.count()).toBe(10);
    await page.getByTestId('employee-search').fill('nobody-by-this-name');
    await poll(() => page.getByTestId('employees-empty').textContent()).toMatch(/No employees match/);
  });

  it('lists the org’s tools as approved and unapproved, and says what that means', async () => {
    await page.locator('nav a', { hasText: 'AI tools' }).click();
    await page.waitForURL(/\/tools$/);
    await toolRow('chatgpt').waitFor();
    expect(await page.getByTestId('tools-explainer').textContent()).toMatch(/trusted.*always allowed/i);
    const approved = page.getByTestId('tools-approved');
    const unapproved = page.getByTestId('tools-unapproved');
    expect(await approved.locator('[data-testid="tool-row"][data-id="chatgpt"]').count()).toBe(1);
    expect(await toolRow('chatgpt').getByTestId('tool-trust').textContent()).toBe('Policies apply');
    expect(await toolRow('chatgpt').getByTestId('tool-patterns').textContent()).toContain(
      'https://chatgpt.com/*',
    );
    const poe = unapproved.locator('[data-testid="tool-row"][data-id="poe"]');
    expect(await poe.locator('[data-action]').getAttribute('data-action')).toBe('WARN');
    expect(await poe.locator('[data-severity]').getAttribute('data-severity')).toBe('MEDIUM');
  });

  it('shows the API’s error for a bad URL pattern, and creates nothing', async () => {
    await page.getByTestId('new-tool').click();
    await page.getByTestId('tool-name').fill(SHADOW.name);
    expect(await page.getByTestId('tool-id-input').inputValue()).toBe(SHADOW.id);
    await page.getByTestId('tool-status').selectOption('UNAPPROVED');
    expect(await page.getByTestId('tool-apply-policies').count()).toBe(0);
    await page.getByTestId('tool-action').selectOption('BLOCK');
    await page.getByTestId('tool-severity').selectOption('HIGH');
    await page.getByTestId('tool-patterns-input').fill('shadow-chat.example\n');
    await page.getByTestId('tool-save').click();
    await poll(() => page.getByTestId('tool-form-error').textContent()).toMatch(
      /^Tool "shadow-chat": URL pattern "shadow-chat\.example" /,
    );
    await shot('tool-form-error');
    const ids = (await admin.get('/v1/admin/tools')).body.tools.map((t: any) => t.id);
    expect(ids).not.toContain(SHADOW.id);
  });

  it('creates an unapproved tool, which the extension hears of within 2 s', async () => {
    await page.getByTestId('tool-patterns-input').fill(`\n  ${SHADOW.pattern}  \n\n`);
    await page.getByTestId('tool-save').click();
    await page.getByTestId('tools-unapproved').locator(`[data-id="${SHADOW.id}"]`).waitFor();
    expect(await page.getByTestId('tool-form').count()).toBe(0);
    expect(await page.getByTestId('tools-notice').textContent()).toBe(`Added ${SHADOW.name}.`);
    expect(await toolRow(SHADOW.id).getByTestId('tool-patterns').textContent()).toBe(SHADOW.pattern);

    await expect
      .poll(async () => (await extensionPolicy()).unapprovedTools.find((t: any) => t.id === SHADOW.id), {
        timeout: 2_000,
        interval: 100,
      })
      .toEqual({
        id: SHADOW.id,
        name: SHADOW.name,
        urlPatterns: [SHADOW.pattern],
        action: 'BLOCK',
        severity: 'HIGH',
      });
    const verdict = await carol.evaluate('https://shadow-chat.example/c/1', 'hello');
    expect(verdict.body.action).toBe('BLOCK');
    await shot('tools');
  });

  it('edits a tool', async () => {
    await toolRow(SHADOW.id).getByTestId('tool-edit').click();
    expect(await page.getByTestId('tool-id-input').isDisabled()).toBe(true);
    expect(await page.getByTestId('tool-patterns-input').inputValue()).toBe(SHADOW.pattern);
    await page.getByTestId('tool-action').selectOption('WARN');
    await page.getByTestId('tool-save').click();
    await poll(() => toolRow(SHADOW.id).locator('[data-action]').getAttribute('data-action')).toBe('WARN');
    const stored = (await admin.get('/v1/admin/tools')).body.tools.find((t: any) => t.id === SHADOW.id);
    expect(stored).toMatchObject({ action: 'WARN', severity: 'HIGH', urlPatterns: [SHADOW.pattern] });
  });

  it('trusts an approved tool from the list', async () => {
    await toolRow('chatgpt').getByTestId('tool-trust-toggle').click();
    await poll(() => toolRow('chatgpt').getByTestId('tool-trust').textContent()).toBe('Trusted: no policies');
    expect(await toolRow('chatgpt').getByTestId('tool-trust-toggle').isChecked()).toBe(false);
    const stored = (await admin.get('/v1/admin/tools')).body.tools.find((t: any) => t.id === 'chatgpt');
    expect(stored).toMatchObject({ status: 'APPROVED', applyPolicies: false });
    await expect
      .poll(
        async () =>
          (await extensionPolicy()).approvedTools.find((t: any) => t.id === 'chatgpt')?.applyPolicies,
        {
          timeout: 2_000,
          interval: 100,
        },
      )
      .toBe(false);
  });

  it('shows the API’s refusal to delete a tool a policy rule names, then deletes it', async () => {
    const policyId = await createPolicy({
      name: 'No shadow chat',
      rules: [{ kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: [SHADOW.id] } }],
    });
    await toolRow(SHADOW.id).getByTestId('tool-delete').click();
    await poll(() => page.getByTestId('tools-error').textContent()).toBe(
      `Tool "${SHADOW.id}" is named by the rules of "No shadow chat"; remove it there first.`,
    );
    expect(await toolRow(SHADOW.id).count()).toBe(1);

    expect((await admin.request('DELETE', `/v1/admin/policies/${policyId}`)).status).toBe(204);
    await toolRow(SHADOW.id).getByTestId('tool-delete').click();
    await poll(() => toolRow(SHADOW.id).count()).toBe(0);
    expect(await page.getByTestId('tools-notice').textContent()).toBe(`Deleted ${SHADOW.name}.`);
    const ids = (await admin.get('/v1/admin/tools')).body.tools.map((t: any) => t.id);
    expect(ids).not.toContain(SHADOW.id);
  });

  it('shows an analyst both pages read-only', async () => {
    expect((await admin.post('/v1/admin/teams', { name: 'Finance' })).status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    try {
      const analyst = await context.newPage();
      await signInAt(analyst, platform.apiUrl!, '/teams', ANALYST);
      await analyst.locator('[data-testid="team-row"][data-name="Finance"]').waitFor();
      await analyst.locator(`[data-testid="employee-row"][data-email="${CAROL}"]`).waitFor();
      for (const id of ['team-new-name', 'team-create', 'team-rename', 'team-delete', 'employee-team'])
        expect(await analyst.getByTestId(id).count(), id).toBe(0);
      expect(await analyst.getByTestId('employee-team-name').first().textContent()).toBe('No team');
      expect(await analyst.getByTestId('employee-search').count()).toBe(1);

      await analyst.goto(url('/tools'));
      await analyst.locator('[data-testid="tool-row"][data-id="chatgpt"]').waitFor();
      for (const id of ['new-tool', 'tool-edit', 'tool-delete', 'tool-trust-toggle'])
        expect(await analyst.getByTestId(id).count(), id).toBe(0);
      expect(
        await analyst
          .locator('[data-testid="tool-row"][data-id="chatgpt"] [data-testid="tool-trust"]')
          .textContent(),
      ).toBe('Trusted: no policies');
    } finally {
      await context.close();
    }
  });
});
