/**
 * The built extension in Chromium against the real platform, on pages imitating each supported AI
 * tool under its real host name: what the page's own handlers receive, and what the employee sees,
 * for ALLOW on every tool, WARN (edit, or send anyway with a justification), BLOCK and MASK.
 * Policies: the demo org's defaults (cards BLOCK, emails WARN) plus a MASK rule on project codes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerExtension } from '../../../test/helpers/clients.ts';
import { eventually } from '../../../test/helpers/platform.ts';
import { startBackend, type Backend } from './backend.ts';
import { launchWithExtension, type ExtensionBrowser, type ToolTab } from './browser.ts';
import { buildExtension, type BuiltExtension } from './build.ts';
import { saveOptions } from './options-page.ts';
import { ALL_PAGES, GENERIC_PAGE, SITE_PAGES, type ToolPage } from './tool-pages.ts';
import { startToolServer, type ToolServer } from './tool-server.ts';

const EMAIL_PROMPT = 'Please send the report to dana.k@acme-corp.com today';
const CARD_PROMPT = 'Charge card 4539 1488 0343 6467 for the renewal';
const CHATGPT = SITE_PAGES[0]!;

let backend: Backend;
let tools: ToolServer;
let built: BuiltExtension;
let browser: ExtensionBrowser;
const tabs: ToolTab[] = [];

/** Rows of the SQL workbench's answer, once there are at least `min` (events arrive through the stream). */
async function sqlRows(sql: string, min = 1): Promise<unknown[][]> {
  return eventually(async () => {
    const rows = ((await backend.admin.post('/v1/admin/sql', { sql })).body.rows ?? []) as unknown[][];
    return rows.length >= min && rows;
  }, 30_000);
}

async function open(page: ToolPage): Promise<ToolTab> {
  const tab = await browser.open(page);
  tabs.push(tab);
  await tab.intercepting();
  return tab;
}

beforeAll(async () => {
  [backend, tools, built] = await Promise.all([startBackend(), startToolServer(ALL_PAGES), buildExtension()]);
  await backend.addTool({
    id: GENERIC_PAGE.tool,
    name: 'Acme Assistant',
    status: 'APPROVED',
    urlPatterns: [`https://${GENERIC_PAGE.host}/*`],
    applyPolicies: true,
  });
  await backend.addPolicy('Mask project codes', [
    { kind: 'DLP', action: 'MASK', criteria: { regex: { pattern: 'ORION-[0-9]{4}', target: 'prompt' } } },
  ]);
  // Both changes reach ingest through Postgres NOTIFY; the extension's first policy fetch must see them.
  const probe = await registerExtension(backend.ingestUrl, {
    licenseKey: backend.demo.licenseKey,
    endpointId: 'e2e-probe',
    email: 'probe@example.com',
  });
  await eventually(
    async () => (await probe.evaluate(`https://${GENERIC_PAGE.host}/`, 'ORION-1234')).body.action === 'MASK',
  );
  browser = await launchWithExtension(built, tools);
  await saveOptions(browser, {
    backendUrl: backend.ingestUrl,
    licenseKey: backend.demo.licenseKey,
    userEmail: 'alice@example.com',
  });
});

afterEach(async () => {
  for (const tab of tabs.splice(0)) await tab.page.close();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([backend?.stop(), tools?.close(), built?.remove()]);
});

describe('ALLOW', () => {
  it.each([...SITE_PAGES, GENERIC_PAGE])(
    '$host: a clean prompt reaches the page unchanged, once, by Enter and by click',
    async (page) => {
      const tab = await open(page);
      const prompts = [`Summarise the meeting notes (${page.tool})`, `Draft a haiku about ${page.tool}`];
      await tab.type(prompts[0]!);
      await tab.send('enter');
      await expect.poll(() => tab.received()).toHaveLength(1);
      await tab.type(prompts[1]!);
      await tab.send('click');
      await expect.poll(() => tab.received()).toHaveLength(2);
      expect((await tab.received()).map((r) => r.text)).toEqual(prompts);
      expect(await tab.ui.text('.dialog')).toBeNull();
    },
  );

  it("records each of them under the page's tool", async () => {
    const tools = [...SITE_PAGES, GENERIC_PAGE].map((p) => p.tool);
    // Waits for both events of every tool: the last page's second one may still be on its way.
    const seen = await sqlRows(
      `SELECT tool, action, toUInt32(count()) FROM events WHERE user_email = 'alice@example.com'
       GROUP BY tool, action HAVING count() >= 2`,
      tools.length,
    );
    expect(seen).toEqual(expect.arrayContaining(tools.map((t) => [t, 'ALLOW', 2])));
  });
});

describe('WARN', () => {
  it('Edit: nothing reaches the page and the text stays for editing', async () => {
    const tab = await open(CHATGPT);
    await tab.type(EMAIL_PROMPT);
    await tab.send('enter');
    await expect.poll(() => tab.ui.text('.dialog.warn h2')).toBe('This prompt contains sensitive data');
    const dialog = (await tab.ui.text('.dialog.warn'))!;
    expect(dialog).toContain('EMAIL');
    expect(dialog).toContain('Warn on medium sensitive data');
    expect(dialog).not.toContain('dana.k@acme-corp.com');
    await tab.ui.click('[data-action=edit]');
    await expect.poll(() => tab.ui.text('.dialog')).toBeNull();
    expect(await tab.received()).toEqual([]);
    expect(await tab.composerText()).toBe(EMAIL_PROMPT);
  });

  it('Send anyway with a justification: the page gets the prompt as written', async () => {
    const tab = await open(CHATGPT);
    await tab.type(EMAIL_PROMPT);
    await tab.send('click');
    await expect.poll(() => tab.ui.text('.dialog.warn h2')).toBe('This prompt contains sensitive data');
    await tab.ui.click('[data-action=send-anyway]');
    await tab.ui.click('textarea');
    await tab.page.keyboard.type('The customer asked for the report by email');
    expect(await tab.received()).toEqual([]);
    await tab.ui.click('[data-action=confirm]');
    await expect.poll(() => tab.received()).toEqual([{ text: EMAIL_PROMPT, via: 'click' }]);
    expect(await tab.ui.text('.dialog')).toBeNull();

    // The justification is recorded against the WARN event it overrode.
    const [override] = await sqlRows(
      `SELECT o.justification, e.action FROM warn_overrides o JOIN events e ON e.event_id = o.event_id
       WHERE o.user_email = 'alice@example.com'`,
    );
    expect(override).toEqual(['The customer asked for the report by email', 'WARN']);
  });
});

describe('BLOCK', () => {
  it('nothing reaches the page; the dialog names the policy; the text stays', async () => {
    const tab = await open(SITE_PAGES.find((p) => p.tool === 'claude')!);
    await tab.type(CARD_PROMPT);
    await tab.send('click');
    await expect.poll(() => tab.ui.text('.dialog.block h2')).toBe('Prompt blocked');
    const dialog = (await tab.ui.text('.dialog.block'))!;
    expect(dialog).toContain('Block high and critical sensitive data');
    expect(dialog).not.toContain('4539 1488 0343 6467');
    await tab.ui.click('[data-action=ok]');
    await expect.poll(() => tab.ui.text('.dialog')).toBeNull();
    expect(await tab.received()).toEqual([]);
    expect(await tab.composerText()).toBe(CARD_PROMPT);
  });
});

describe('MASK', () => {
  it('the page gets the placeholder; its echo shows the original, restored on the page only', async () => {
    const tab = await open(SITE_PAGES.find((p) => p.tool === 'gemini')!);
    await tab.type('What is the status of ORION-1234 this week?');
    await tab.send('enter');
    await expect.poll(() => tab.received()).toHaveLength(1);
    expect((await tab.received())[0]!.text).toBe('What is the status of [PATTERN_1] this week?');
    await expect.poll(() => tab.replies()).toEqual(['You said: What is the status of ORION-1234 this week?']);
  });
});
