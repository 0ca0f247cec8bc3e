/**
 * Part "memory": PSS of every process of the platform, sampled every 5 s under sustained load for
 * BENCH_MINUTES (default 10). Embedded shape by default (the node process; its embedded Postgres
 * processes together), BENCH_SHAPE=kafka for the distributed one. Load: closed loop with
 * BENCH_CONCURRENCY (default 16) requests in flight, or BENCH_RATE evaluations/s when set.
 * Prints the first, middle and last samples, the peak and the slope; bounded means no slope.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { registerProfiles, startLoad } from './load.ts';
import { groupPssMb, single } from './proc.ts';
import { countRows, startEmbedded, startKafkaShape } from './shapes.ts';
import { envNumber, fmt, slope } from './stats.ts';

export async function run(): Promise<void> {
  const minutes = envNumber('BENCH_MINUTES', 10);
  const concurrency = envNumber('BENCH_CONCURRENCY', 16);
  const rate = process.env.BENCH_RATE ? envNumber('BENCH_RATE', 1) : undefined;
  const shape = process.env.BENCH_SHAPE === 'kafka' ? await startKafkaShape() : await startEmbedded();
  const groups = [...shape.processes, single('bench driver', process.pid)];
  console.log(
    `  ${shape.name} shape, ${minutes} min of load (${rate ? `${fmt(rate)} evaluations/s` : `${concurrency} in flight`}),` +
      ' PSS sampled every 5 s',
  );
  const tokens = await registerProfiles(shape.ingestUrl, shape.demo.licenseKey, 50);
  const base = await countRows(shape.admin);
  const load = startLoad({ ingestUrl: shape.ingestUrl, tokens, concurrency, ...(rate ? { rate } : {}) });
  const t0 = performance.now();
  const samples: Array<{ min: number; pss: number[]; acked: number; written: number }> = [];
  try {
    while (performance.now() - t0 < minutes * 60_000) {
      await sleep(5_000);
      const written = (await countRows(shape.admin)) - base;
      samples.push({
        min: (performance.now() - t0) / 60_000,
        pss: groups.map(groupPssMb),
        acked: load.stats().acked,
        written,
      });
    }
  } finally {
    await load.stop();
  }
  const last = samples.at(-1)!;
  console.log(
    `  ${fmt(last.acked)} decisions (${fmt(last.acked / (last.min * 60))}/s), ${fmt(last.written)} written by the end ` +
      `(backlog ${fmt(last.acked - last.written)}), ${load.stats().failed} failed`,
  );
  const pick = [samples[0]!, samples[Math.floor(samples.length / 2)]!, last];
  console.log(
    `  PSS in MB at ${pick.map((s) => `${fmt(s.min, 1)} min`).join(' / ')}, peak, slope (MB/min: all, second half)`,
  );
  // One sample a minute, to see where it levels off.
  const perMinute = samples.filter((s, i) => i === 0 || Math.floor(s.min) > Math.floor(samples[i - 1]!.min));
  console.log(`  each minute (MB): ${groups.map((g) => g.name).join(' | ')}`);
  for (const s of perMinute)
    console.log(`    ${fmt(s.min, 1).padStart(5)} min  ${s.pss.map((p) => fmt(p).padStart(5)).join(' | ')}`);
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  groups.forEach((g, i) => {
    const series = samples.map((s) => [s.min, s.pss[i]!] as const);
    console.log(
      `    ${g.name.padEnd(30)} ${pick.map((s) => fmt(s.pss[i]!).padStart(5)).join(' / ')}` +
        `   peak ${fmt(Math.max(...series.map(([, y]) => y))).padStart(5)}` +
        `   slope ${fmt(slope(series), 2).padStart(6)}, ${fmt(slope(secondHalf.map((s) => [s.min, s.pss[i]!] as const)), 2).padStart(6)}`,
    );
  });
}
