import { loadConfig } from '../config.ts';
import { demoFilePath, readDemoFile } from '../platform/demo-file.ts';
import { sendDemoTraffic } from '../demo/send.ts';

export interface DemoOptions {
  count: string;
  concurrency: string;
  users: string;
  seed: string;
  ingestUrl?: string;
  licenseKey?: string;
}

/** `kairro demo`: fills the dashboards of a running platform with a realistic prompt mix. */
export async function demo(opts: DemoOptions): Promise<void> {
  const config = loadConfig();
  const file = readDemoFile(config.dataDir);
  const ingestUrl = opts.ingestUrl ?? file?.ingestUrl;
  const licenseKey = opts.licenseKey ?? file?.licenseKey;
  if (!ingestUrl || !licenseKey) {
    throw new Error(
      `No running platform found: ${demoFilePath(config.dataDir)} is missing. Start it with \`npm start\` ` +
        '(or pass --ingest-url and --license-key).',
    );
  }
  const started = performance.now();
  const result = await sendDemoTraffic({
    ingestUrl,
    licenseKey,
    count: positive(opts.count, 'count'),
    concurrency: positive(opts.concurrency, 'concurrency'),
    users: positive(opts.users, 'users'),
    seed: Number(opts.seed) || 1,
  });
  const seconds = (performance.now() - started) / 1000;
  const actions = Object.entries(result.byAction)
    .map(([a, n]) => `${a} ${n}`)
    .join(', ');
  process.stdout.write(
    `Sent ${result.sent} prompts in ${seconds.toFixed(1)} s (${(result.sent / seconds).toFixed(0)}/s): ${actions}` +
      (result.failed ? `; ${result.failed} failed` : '') +
      '\n',
  );
  if (result.failed) process.exitCode = 1;
}

function positive(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}
