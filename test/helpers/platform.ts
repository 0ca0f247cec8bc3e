import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports.ts';

const KAIRRO_BIN = new URL('../../cli/bin/kairro.js', import.meta.url).pathname;

export interface PlatformProcess {
  child: ChildProcess;
  dataDir: string;
  apiUrl: string | undefined;
  ingestUrl: string | undefined;
  pipelinesUrl: string | undefined;
  /** Everything the process printed so far (stdout + stderr). */
  output(): string;
  /** SIGTERM and wait for a clean exit; resolves the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export interface DemoCredentials {
  consoleUrl: string;
  ingestUrl: string;
  adminEmail: string;
  adminPassword: string;
  licenseKey: string;
}

/**
 * Runs the real `kairro` command as a child process on ephemeral ports and waits until every
 * requested service answers /healthz. Pass `args: ['ingest']` etc. for the distributed shape.
 */
export async function startKairro(
  opts: { args?: string[]; env?: Record<string, string>; dataDir?: string; timeoutMs?: number } = {},
): Promise<PlatformProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kairro-test-'));
  // Embedded Postgres runs as the `postgres` OS user when tests run as root: it must reach the dir.
  chmodSync(dataDir, 0o755);
  const env = {
    ...process.env,
    KAIRRO_DATA_DIR: dataDir,
    KAIRRO_API_PORT: '0',
    KAIRRO_INGEST_PORT: '0',
    KAIRRO_PIPELINES_PORT: '0',
    KAIRRO_PG_PORT: String(await freePort()),
    KAIRRO_LOG_LEVEL: 'info',
    ...opts.env,
  };
  const child = spawn(process.execPath, [KAIRRO_BIN, ...(opts.args ?? ['start'])], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  let running: RunningUrls | undefined;
  while (!running) {
    if (child.exitCode !== null)
      throw new Error(`kairro exited with ${child.exitCode} before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kairro was not ready in time:\n${out}`);
    }
    running = parseRunningLine(out);
    if (!running) await sleep(100);
  }
  return {
    child,
    dataDir,
    apiUrl: running.apiUrl,
    ingestUrl: running.ingestUrl,
    pipelinesUrl: running.pipelinesUrl,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The structured "Kairro is running" log line names the URLs actually bound. */
interface RunningUrls {
  apiUrl?: string;
  ingestUrl?: string;
  pipelinesUrl?: string;
}

function parseRunningLine(out: string): RunningUrls | undefined {
  for (const line of out.split('\n')) {
    if (!line.includes('"Kairro is running"')) continue;
    const { apiUrl, ingestUrl, pipelinesUrl } = JSON.parse(line) as RunningUrls;
    return { apiUrl, ingestUrl, pipelinesUrl };
  }
  return undefined;
}

export function readDemo(dataDir: string): DemoCredentials {
  const file = join(dataDir, 'demo.json');
  if (!existsSync(file)) throw new Error(`${file} was not written`);
  return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
}

/** Polls `fn` until it returns a truthy value (eventual consistency through the stream). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await sleep(200);
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
