/**
 * `npm run bench:memory`: memory of the whole embedded platform (the node process plus its embedded
 * Postgres processes), idle and under `kairro demo` load. Prints figures; asserts nothing.
 * PSS (proportional set size) is summed so Postgres' shared buffers are not counted once per backend.
 */
import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { readDemo, startKairro } from '../test/helpers/platform.ts';
import { descendants, pssMb, rssMb } from './pipeline/proc.ts';

const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 20_000);

function measure(rootPid: number): { nodeRssMb: number; totalPssMb: number } {
  const pids = [rootPid, ...descendants(rootPid)];
  return { nodeRssMb: rssMb(rootPid), totalPssMb: pids.reduce((sum, p) => sum + pssMb(p), 0) };
}

const platform = await startKairro();
try {
  const pid = platform.child.pid!;
  await sleep(5_000);
  const idle = measure(pid);
  const demo = readDemo(platform.dataDir);
  const load = spawn(
    process.execPath,
    [new URL('../cli/bin/kairro.js', import.meta.url).pathname, 'demo', '-n', String(PROMPTS), '-c', '8'],
    { env: { ...process.env, KAIRRO_DATA_DIR: platform.dataDir }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let demoOut = '';
  load.stdout.on('data', (d: Buffer) => (demoOut += d.toString()));
  const done = new Promise((resolve) => load.on('exit', resolve));
  let peak = idle;
  let running = true;
  void done.then(() => (running = false));
  while (running) {
    const m = measure(pid);
    if (m.totalPssMb > peak.totalPssMb) peak = m;
    await sleep(250);
  }
  await sleep(3_000);
  const after = measure(pid);
  const cpu = execFileSync('nproc').toString().trim();
  console.log(`Kairro embedded platform memory (${cpu} cores, ${demo.ingestUrl})`);
  console.log(`  demo load:    ${demoOut.trim()}`);
  console.log(
    `  idle:         ${idle.totalPssMb.toFixed(0)} MB total (node process RSS ${idle.nodeRssMb.toFixed(0)} MB)`,
  );
  console.log(
    `  peak (load):  ${peak.totalPssMb.toFixed(0)} MB total (node process RSS ${peak.nodeRssMb.toFixed(0)} MB)`,
  );
  console.log(
    `  after load:   ${after.totalPssMb.toFixed(0)} MB total (node process RSS ${after.nodeRssMb.toFixed(0)} MB)`,
  );
} finally {
  await platform.stop();
}
