/**
 * The built extension in Chromium against the real platform: unapproved AI tools (shadow AI) get
 * the org's action on the page, and prompts on an approved tool are held when no decision can be
 * had (fail mode `closed`, the default): under an expired license, and with the backend stopped.
 * The flows share one browser profile and run in order: the backend stops last.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerExtension } from '../../../test/helpers/clients.ts';
import { eventually } from '../../../test/helpers/platform.ts';
import { startBackend, type Backend } from './backend.ts';
import { launchWithExtension, type ExtensionBrowser, type ToolTab } from './browser.ts';
import { buildExtension, type BuiltExtension } from './build.ts';
import { saveOptions } from './options-page.ts';
import { SHADOW_PAGES, SITE_PAGES, type ToolPage } from './tool-pages.ts';
import { startToolServer, type ToolServer } from './tool-server.ts';

const CHATGPT = SITE_PAGES[0]!;
const CLEAN_PROMPT = 'Summarise the meeting notes';

let backend: Backend;
let tools: ToolServer;
let built: BuiltExtension;
let browser: ExtensionBrowser;
const tabs: ToolTab[] = [];

async function open(page: ToolPage): Promise<ToolTab> {
  const tab = await browser.open(page);
  tabs.push(tab);
  return tab;
}

const options = (userEmail: string) => ({
  backendUrl: backend.ingestUrl,
  licenseKey: backend.demo.licenseKey,
  userEmail,
});

/** A clean prompt on ChatGPT is held, and the dialog says why. */
async function expectHeld(why: RegExp): Promise<void> {
  const tab = await open(CHATGPT);
  await tab.intercepting();
  await tab.type(CLEAN_PROMPT);
  await tab.send('enter');
  await expect.poll(() => tab.ui.text('.dialog.held h2'), { timeout: 10_000 }).toBe('Prompt held');
  expect(await tab.ui.text('.dialog.held .why')).toMatch(why);
  expect(await tab.received()).toEqual([]);
  expect(await tab.composerText()).toBe(CLEAN_PROMPT);
}

beforeAll(async () => {
  [backend, tools, built] = await Promise.all([
    startBackend(),
    startToolServer([CHATGPT, ...Object.values(SHADOW_PAGES)]),
    buildExtension(),
  ]);
  await backend.patchTool(SHADOW_PAGES.block.tool, { action: 'BLOCK', severity: 'HIGH' });
  const probe = await registerExtension(backend.ingestUrl, {
    licenseKey: backend.demo.licenseKey,
    endpointId: 'e2e-probe',
    email: 'probe@example.com',
  });
  // The change reaches ingest through Postgres NOTIFY; the extension's first policy fetch must see it.
  await eventually(
    async () => (await probe.evaluate(`https://${SHADOW_PAGES.block.host}/`, 'hi')).body.action === 'BLOCK',
  );
  browser = await launchWithExtension(built, tools);
  await saveOptions(browser, options('bob@example.com'));
});

afterEach(async () => {
  for (const tab of tabs.splice(0)) await tab.page.close();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([backend?.stop(), tools?.close(), built?.remove()]);
});

describe('shadow AI', () => {
  it('WARN: a banner says the tool is not approved; DLP still checks what is typed there', async () => {
    const tab = await open(SHADOW_PAGES.warn);
    await expect
      .poll(() => tab.ui.text('.banner'), { timeout: 10_000 })
      .toContain('Poe is not an approved AI tool.');
    await tab.intercepting();

    // A card number is blocked there as on any tool.
    await tab.type('Charge card 4539 1488 0343 6467 for the renewal');
    await tab.send('enter');
    await expect.poll(() => tab.ui.text('.dialog.block h2')).toBe('Prompt blocked');
    await tab.ui.click('[data-action=ok]');
    expect(await tab.received()).toEqual([]);

    // A clean prompt gets the tool's own WARN, and goes with a justification.
    await tab.type('hello');
    await tab.send('enter');
    await expect.poll(() => tab.ui.text('.dialog.warn h2')).toBe('Check before sending');
    expect(await tab.ui.text('.dialog.warn')).toContain('Tool "Poe" is not approved');
    await tab.ui.click('[data-action=send-anyway]');
    await tab.ui.click('textarea');
    await tab.page.keyboard.type('Comparing answers for the wiki');
    await tab.ui.click('[data-action=confirm]');
    // (The generic adapter sends a released prompt with the page's send button.)
    await expect.poll(() => tab.received()).toEqual([expect.objectContaining({ text: 'hello' })]);

    await tab.ui.click('[data-action=dismiss]');
    await expect.poll(() => tab.ui.text('.banner')).toBeNull();
    const decided = await eventually(async () => {
      const res = await backend.admin.post('/v1/admin/sql', {
        sql: `SELECT action, risk_level FROM events WHERE tool = 'poe' ORDER BY occurred_at`,
      });
      return (res.body.rows?.length ?? 0) >= 2 && (res.body.rows as unknown[][]);
    }, 30_000);
    expect(decided).toEqual([
      ['BLOCK', 'CRITICAL'],
      ['WARN', 'MEDIUM'],
    ]);
  });

  it('BLOCK: the page is covered and swallows keys and clicks', async () => {
    const tab = await open(SHADOW_PAGES.block);
    await expect
      .poll(() => tab.ui.text('.dialog.overlay h2'), { timeout: 10_000 })
      .toBe('You.com is not approved');
    await tab.type('hello');
    await tab.send('enter');
    await tab.page.locator(SHADOW_PAGES.block.send).click({ force: true });
    expect(await tab.received()).toEqual([]);
  });

  it("follows the page's own navigation into an unapproved tool's path", async () => {
    const tab = await open(SHADOW_PAGES.underPath);
    await tab.watchingUrl();
    expect(await tab.ui.text('.banner')).toBeNull();
    await tab.page.evaluate(() => history.pushState({}, '', '/chat/conversation-1'));
    await expect.poll(() => tab.ui.text('.banner')).toContain('HuggingChat is not an approved AI tool.');
  });

  it('a catalog tool the org never listed is reported without a notice, and its prompts go unchecked', async () => {
    const tab = await open(SHADOW_PAGES.watched);
    await tab.watchingUrl();
    expect(await tab.ui.text('.banner')).toBeNull();
    await tab.type('hello');
    await tab.send('enter');
    await expect.poll(() => tab.received()).toEqual([expect.objectContaining({ text: 'hello' })]);
  });

  it('an unknown chat UI is reported without a notice', async () => {
    const tab = await open(SHADOW_PAGES.unknown);
    await tab.watchingUrl();
    expect(await tab.ui.text('.banner')).toBeNull();
  });

  it('each visit reaches the backend as a shadow-AI event with the action applied', async () => {
    const sql = `SELECT tool, url_host, category, action, source FROM shadow_ai_events
                 WHERE user_email = 'bob@example.com' AND source != 'dlp' ORDER BY tool`;
    const rows = await eventually(async () => {
      const res = await backend.admin.post('/v1/admin/sql', { sql });
      return (res.body.rows?.length ?? 0) >= 5 && (res.body.rows as unknown[][]);
    }, 30_000);
    expect(rows).toEqual([
      ['chat.llm-lab.test', 'chat.llm-lab.test', '', 'ALLOW', 'heuristic'],
      ['huggingchat', 'huggingface.co', 'chat', 'WARN', 'extension'],
      ['jasper', 'app.jasper.ai', 'writing', 'ALLOW', 'extension'],
      ['poe', 'poe.com', 'chat', 'WARN', 'extension'],
      ['you', 'you.com', 'search', 'BLOCK', 'extension'],
    ]);
  });

  it('each prompt checked on an unapproved tool is a shadow-AI event too (source dlp)', async () => {
    const sql = `SELECT tool, category, action, severity, detail FROM shadow_ai_events
                 WHERE user_email = 'bob@example.com' AND source = 'dlp' ORDER BY occurred_at`;
    const rows = await eventually(async () => {
      const res = await backend.admin.post('/v1/admin/sql', { sql });
      return (res.body.rows?.length ?? 0) >= 2 && (res.body.rows as unknown[][]);
    }, 30_000);
    expect(rows).toEqual([
      ['poe', 'chat', 'BLOCK', 'MEDIUM', 'prompt checked: 1 finding (CREDIT_CARD)'],
      ['poe', 'chat', 'WARN', 'MEDIUM', 'prompt checked: no findings'],
    ]);
  });
});

describe('fail closed', () => {
  it('an expired license: registration is refused and prompts are held, saying why', async () => {
    await backend.sql`update licenses set expires_at = now() - interval '1 day'`;
    try {
      // Another email makes the extension register again, which the backend now refuses.
      await saveOptions(browser, options('bob.smith@example.com'), 'Unlicensed');
      await expectHeld(/licen[cs]e expired/i);
    } finally {
      await backend.sql`update licenses set expires_at = now() + interval '1 year'`;
    }
    // Renewed: the next registration succeeds (the backend stops in the next test).
    await saveOptions(browser, options('bob@example.com'));
  });

  it('the backend stopped: prompts are held, saying the backend cannot be reached', async () => {
    await backend.platform.stop();
    await expectHeld(/Cannot reach the Kairro backend/);
  });
});
