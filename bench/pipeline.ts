/**
 * `npm run bench:pipeline -- [embedded|kafka|freshness|queries|memory|inserts|all]`: the event pipeline's
 * throughput, freshness, dashboard query latency and memory. Prints figures; asserts nothing.
 * Every part starts what it needs and stops it again (also on Ctrl+C). Knobs: BENCH_SECONDS,
 * BENCH_CONCURRENCY, BENCH_MINUTES, BENCH_RATE, BENCH_EVENTS, BENCH_SHAPE, BENCH_CPU_PROF (see each part).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { cleanup } from './pipeline/cleanup.ts';

const PARTS = {
  embedded: () => import('./pipeline/embedded.ts'),
  kafka: () => import('./pipeline/kafka.ts'),
  freshness: () => import('./pipeline/freshness.ts'),
  queries: () => import('./pipeline/queries.ts'),
  memory: () => import('./pipeline/memory.ts'),
  inserts: () => import('./pipeline/inserts.ts'),
} as const;
type Part = keyof typeof PARTS;

const wanted = process.argv.slice(2).filter((a) => a !== '--');
const parts: Part[] =
  wanted.length === 0 || wanted.includes('all') ? (Object.keys(PARTS) as Part[]) : (wanted as Part[]);
for (const p of parts)
  if (!(p in PARTS)) throw new Error(`unknown part "${p}"; use ${Object.keys(PARTS).join('|')}|all`);

console.log(
  `Kairro pipeline benchmarks — ${new Date().toISOString().slice(0, 16)}Z, ${execFileSync('nproc').toString().trim()} cores ` +
    `(${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`,
);
try {
  for (const part of parts) {
    console.log(`\n== ${part} ==`);
    const { run } = await PARTS[part]();
    await run();
    await cleanup();
  }
} finally {
  await cleanup();
}
