/**
 * Sustained throughput from evaluate to ClickHouse: closed-loop evaluate load for a while, the
 * events table counted through the api every few seconds, then the backlog drained with no load
 * (which shows what the writer alone can do).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { registerProfiles, startLoad } from './load.ts';
import { cpuMeter, single, threadCpuMeter } from './proc.ts';
import { countRows, type Shape } from './shapes.ts';
import { envNumber, fmt } from './stats.ts';

export interface ThroughputResult {
  decisionsPerSec: number;
  writtenPerSec: number;
  backlogAtEnd: number;
  drainPerSec: number | undefined;
}

export async function measureThroughput(shape: Shape): Promise<ThroughputResult> {
  const seconds = envNumber('BENCH_SECONDS', 60);
  const concurrency = envNumber('BENCH_CONCURRENCY', 32);
  const warmup = 5;
  const tokens = await registerProfiles(shape.ingestUrl, shape.demo.licenseKey, 50);
  const base = await countRows(shape.admin);
  const baseMatches = await countRows(shape.admin, 'dlp_matches');
  console.log(
    `  load: ${concurrency} evaluate requests in flight over keep-alive, 50 profiles, ` +
      `${warmup} s warm-up + ${seconds} s measured`,
  );
  const load = startLoad({ ingestUrl: shape.ingestUrl, tokens, concurrency });
  try {
    await sleep(warmup * 1000);
    const meter = cpuMeter([...shape.processes, single('bench driver (load + polling)', process.pid)]);
    const threads = threadCpuMeter(shape.writerPid);
    const t0 = performance.now();
    const acked0 = load.stats().acked;
    const written0 = (await countRows(shape.admin)) - base;
    let last = { t: t0, acked: acked0, written: written0 };
    console.log('      t   acked/s  written/s  backlog (acked − written)');
    while (performance.now() - t0 < seconds * 1000) {
      await sleep(Math.min(5_000, seconds * 1000 - (performance.now() - t0)));
      const written = (await countRows(shape.admin)) - base;
      const now = { t: performance.now(), acked: load.stats().acked, written };
      const dt = (now.t - last.t) / 1000;
      console.log(
        `  ${fmt((now.t - t0) / 1000).padStart(5)} s ${fmt((now.acked - last.acked) / dt).padStart(9)}` +
          ` ${fmt((now.written - last.written) / dt).padStart(10)} ${fmt(now.acked - now.written).padStart(11)}`,
      );
      last = now;
    }
    const elapsed = (last.t - t0) / 1000;
    const cpu = meter.stop();
    const writerThreads = threads.stop();
    const result: ThroughputResult = {
      decisionsPerSec: (last.acked - acked0) / elapsed,
      writtenPerSec: (last.written - written0) / elapsed,
      backlogAtEnd: last.acked - last.written,
      drainPerSec: undefined,
    };
    await load.stop();
    const { acked, failed, lastError } = load.stats();
    console.log(
      `  decisions acknowledged: ${fmt(result.decisionsPerSec)}/s; events written to ClickHouse: ` +
        `${fmt(result.writtenPerSec)}/s (over ${fmt(elapsed)} s)`,
    );
    if (failed) console.log(`  failed requests: ${failed} (last: ${lastError})`);
    console.log(`  CPU during the measured window (cores of ${2}):`);
    for (const c of cpu) console.log(`    ${c.name.padEnd(34)} ${fmt(c.cores, 2)}`);
    console.log(`  threads of the process that runs the writer (pid ${shape.writerPid}), cores:`);
    console.log(`    ${printThreads(writerThreads)}`);

    // Drain: no more load, how fast does the writer catch up? It stops when nothing arrives for
    // 15 s (records the mock broker dropped never will); the rate is taken up to the last progress.
    const d0 = performance.now();
    const w0 = (await countRows(shape.admin)) - base;
    let written = w0;
    let lastProgress = d0;
    while (written < acked && performance.now() - lastProgress < 15_000 && performance.now() - d0 < 300_000) {
      await sleep(500);
      const now = (await countRows(shape.admin)) - base;
      if (now > written) lastProgress = performance.now();
      written = now;
    }
    const drainSeconds = (lastProgress - d0) / 1000;
    if (acked - w0 > 1_000 && drainSeconds > 0) result.drainPerSec = (written - w0) / drainSeconds;
    const matches = (await countRows(shape.admin, 'dlp_matches')) - baseMatches;
    console.log(
      `  after the load: ${fmt(acked - w0)} events were still on their way; ` +
        (written >= acked
          ? `all written in ${fmt(drainSeconds, 1)} s`
          : `${fmt(acked - written)} never arrived (nothing new for 15 s after ${fmt(drainSeconds)} s)`) +
        (result.drainPerSec ? ` (writer alone: ${fmt(result.drainPerSec)} events/s)` : '') +
        `; ${fmt(written)} events and ${fmt(matches)} DLP matches in ClickHouse for ${fmt(acked)} decisions`,
    );
    return result;
  } finally {
    await load.stop();
  }
}

/** "node 0.52, QueryPipelineEx 0.20, …": the busiest thread names first. */
export function printThreads(threads: Array<{ name: string; cores: number }>, n = 8): string {
  return threads
    .slice(0, n)
    .map((t) => `${t.name} ${fmt(t.cores, 2)}`)
    .join(', ');
}
