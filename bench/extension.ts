/**
 * `npm run bench:extension`: what Kairro's check adds to an ALLOW prompt in the browser. The built
 * extension runs in headless Chromium against the real platform on this machine (`kairro start`,
 * database on the local Postgres); the ChatGPT imitation page (extension/src/e2e) gets clean prompts
 * sent with the Enter key, in one browser with the extension and in one without it. Measured in the
 * page: from the Enter keydown (a capture listener the page adds before the extension's content
 * script loads, so it sees the key first) to the page's own send handler receiving the prompt,
 * through the extension's hold, evaluate round trip and re-triggered send. Prints figures; asserts
 * nothing.
 *
 * Knobs: BENCH_PROMPTS (measured prompts per browser, default 200), BENCH_WARMUP (default 10).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { startBackend } from '../extension/src/e2e/backend.ts';
import { launchWithExtension, type ExtensionBrowser, type ToolTab } from '../extension/src/e2e/browser.ts';
import { buildExtension, type BuiltExtension } from '../extension/src/e2e/build.ts';
import { saveOptions } from '../extension/src/e2e/options-page.ts';
import { SITE_PAGES } from '../extension/src/e2e/tool-pages.ts';
import { startToolServer, type ToolServer } from '../extension/src/e2e/tool-server.ts';
import { summarize } from './pipeline/stats.ts';

const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const PAGE = SITE_PAGES[0]!;

/** Runs in the page before its own scripts: remembers when the last trusted Enter went down. */
const RECORD_ENTER = `window.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.isTrusted) window.enterAt = e.timeStamp;
}, true);`;

/** Milliseconds from Enter to the page's handler, for each of `count` prompts. */
async function measure(tab: ToolTab, count: number, label: string): Promise<number[]> {
  const delays: number[] = [];
  const before = (await tab.received()).length;
  for (let i = 0; i < count; i++) {
    await tab.type(`Summarise the ${label} meeting notes, part ${i}`);
    await tab.page.keyboard.press('Enter');
    const handle = await tab.page.waitForFunction(
      (n) => {
        const w = globalThis as unknown as { received: { at: number }[]; enterAt: number };
        // An object, never 0: waitForFunction waits for a truthy answer.
        return w.received.length > n && { ms: w.received[n]!.at - w.enterAt };
      },
      before + i,
      { polling: 'raf', timeout: 10_000 },
    );
    delays.push(((await handle.jsonValue()) as { ms: number }).ms);
  }
  return delays;
}

async function run(
  built: BuiltExtension | null,
  tools: ToolServer,
  configure?: (browser: ExtensionBrowser) => Promise<unknown>,
) {
  const browser = await launchWithExtension(built, tools);
  try {
    await configure?.(browser);
    await browser.context.addInitScript(RECORD_ENTER);
    const tab = await browser.open(PAGE);
    if (built) await tab.intercepting();
    await tab.page.locator(PAGE.composer).focus();
    await measure(tab, WARMUP, 'warm-up');
    const label = built ? 'checked' : 'unchecked';
    const delays = await measure(tab, PROMPTS, label);
    const received = await tab.received();
    if (received.length !== WARMUP + PROMPTS) throw new Error(`the page received ${received.length} prompts`);
    return summarize(delays);
  } finally {
    await browser.close();
  }
}

console.log(
  `Kairro extension benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${execFileSync('nproc').toString().trim()} cores ` +
    `(${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${PROMPTS} prompts per browser`,
);
const [backend, tools, built] = await Promise.all([
  startBackend(),
  startToolServer([PAGE]),
  buildExtension(),
]);
try {
  const without = await run(null, tools);
  const withCheck = await run(built, tools, (browser) =>
    saveOptions(browser, {
      backendUrl: backend.ingestUrl,
      licenseKey: backend.demo.licenseKey,
      userEmail: 'bench@example.com',
    }),
  );
  const row = (name: string, s: ReturnType<typeof summarize>) =>
    `${name.padEnd(22)} p50 ${s.p50.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms   max ${s.max.toFixed(1).padStart(6)} ms`;
  console.log('\nEnter key → page handler (ALLOW, ChatGPT imitation, local backend)');
  console.log(row('without the extension', without));
  console.log(row('with the extension', withCheck));
  console.log(
    `${'added by the check'.padEnd(22)} p50 ${(withCheck.p50 - without.p50).toFixed(1).padStart(6)} ms   ` +
      `p95 ${(withCheck.p95 - without.p95).toFixed(1).padStart(6)} ms`,
  );
} finally {
  await Promise.all([backend.stop(), tools.close(), built.remove()]);
}
