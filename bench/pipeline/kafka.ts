/**
 * Part "kafka": the distributed shape (mock Kafka cluster, the machine's Postgres, `kairro ingest`
 * and `kairro start --roles api,pipelines` as separate processes). First evaluate → ClickHouse end to
 * end, then the writer alone: synthetic records produced straight into Kafka at rising rates
 * (BENCH_RATES, default 2000,5000,10000,20000 events/s; BENCH_STEP_SECONDS each). The mock broker
 * keeps only ~5 MB per partition, so a writer that falls behind loses records: reported as lost.
 * "2nd half/s" is what was written per second over the step's second half, after the warm-up.
 * Ingest keys records by org, so the one demo org's records all go to one partition per topic;
 * BENCH_KEY=endpoint spreads the synthetic ones by endpoint instead (synthetic.ts).
 * The producer sends once per BENCH_PRODUCE_TICK_MS (default 50 ms), which sets the writer's batch size
 * on the mock broker (it returns one produced batch per partition per fetch).
 * The synthetic records come from kcat (librdkafka, kcat-producer.ts), which leaves the writer the
 * cores; BENCH_PRODUCER=kafkajs produces them from this process instead, which takes ≈0.6 cores.
 * BENCH_KAFKA_STEPS=e2e or =writer runs one of the two. BENCH_CPU_PROF=1 profiles the api+pipelines process (--cpu-prof) and prints where its time went.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup, removeAtCleanup } from './cleanup.ts';
import { summarizeCpuProfiles } from './cpu-profile.ts';
import { cpuMeter, single, threadCpuMeter } from './proc.ts';
import { countRows, demoOrgId, startKafkaShape, type Shape } from './shapes.ts';
import { envNumber, fmt } from './stats.ts';
import { kcatProducer } from './kcat-producer.ts';
import { kafkajsProducer } from './synthetic.ts';
import { measureThroughput, printThreads } from './throughput.ts';

export async function run(): Promise<void> {
  const partitions = envNumber('BENCH_PARTITIONS', 6);
  let backendEnv: Record<string, string> = {};
  if (process.env.BENCH_CPU_PROF === '1') {
    const dir = mkdtempSync(join(tmpdir(), 'kairro-bench-prof-'));
    removeAtCleanup(dir);
    // Runs after the processes stopped (cleanup goes newest first), when the profile is written.
    onCleanup('summarise the CPU profile', () => summarizeCpuProfiles(dir));
    backendEnv = { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` };
  }
  const shape = await startKafkaShape({ partitions, backendEnv });
  console.log(
    `  distributed shape: mock Kafka cluster (3 brokers, ${partitions} partitions per topic), PostgreSQL 15, ` +
      '`kairro ingest`, `kairro start --roles api,pipelines` (chDB)',
  );
  const steps = (process.env.BENCH_KAFKA_STEPS ?? 'e2e,writer').split(',');
  if (steps.includes('e2e')) {
    console.log('\n  1) evaluate → ingest → disk buffer → Kafka → pipelines → ClickHouse');
    await measureThroughput(shape);
  }
  if (steps.includes('writer')) {
    console.log(
      '\n  2) the writer alone: synthetic records produced into Kafka (keyed by org, as ingest does)',
    );
    await writerCapacity(shape);
  }
}

async function writerCapacity(shape: Shape): Promise<void> {
  const rates = (process.env.BENCH_RATES ?? '2000,5000,10000,20000').split(',').map(Number);
  const stepSeconds = envNumber('BENCH_STEP_SECONDS', 20);
  const orgId = await demoOrgId(shape.databaseUrl!);
  const producer =
    process.env.BENCH_PRODUCER === 'kafkajs'
      ? await kafkajsProducer(shape.brokers!, orgId)
      : await kcatProducer(shape.brokers!, orgId);
  onCleanup('disconnect the synthetic producer', () => producer.close());
  console.log(
    '     target/s  produced/s  written/s  2nd half/s  lag at end  lost   CPU: ' +
      [...shape.processes, ...producer.processes].map((p) => p.name).join(' / ') +
      ' / bench',
  );
  for (const rate of rates) {
    const base = await countRows(shape.admin);
    const meter = cpuMeter([...shape.processes, ...producer.processes, single('bench', process.pid)]);
    const threads = threadCpuMeter(shape.writerPid);
    const t0 = performance.now();
    const producing = producer.run(rate, stepSeconds);
    // The second half's rate is the sustained one: the first seconds include the writer's warm-up
    // (JIT, the group join, the first fetches).
    await sleep((stepSeconds * 1000) / 2);
    const midway = { rows: await countRows(shape.admin), at: performance.now() };
    const produced = await producing;
    const written = (await countRows(shape.admin)) - base;
    const end = performance.now();
    const elapsed = (end - t0) / 1000;
    const secondHalf = (base + written - midway.rows) / ((end - midway.at) / 1000);
    const cpu = meter.stop();
    const writerThreads = threads.stop();
    // Let it drain; what never arrives was dropped by the mock broker's retention.
    let total = written;
    let lastChange = performance.now();
    while (total < produced.events && performance.now() - lastChange < 15_000) {
      await sleep(1_000);
      const now = (await countRows(shape.admin)) - base;
      if (now > total) lastChange = performance.now();
      total = now;
    }
    console.log(
      `  ${fmt(rate).padStart(11)} ${fmt(produced.achievedRate).padStart(11)} ${fmt(written / elapsed).padStart(10)}` +
        ` ${fmt(secondHalf).padStart(11)} ${fmt(produced.events - written).padStart(11)} ${fmt(Math.max(0, produced.events - total)).padStart(5)}` +
        `   ${cpu.map((c) => fmt(c.cores, 2)).join(' / ')}`,
    );
    console.log(`               writer process threads: ${printThreads(writerThreads, 6)}`);
    if (written / elapsed < rate * 0.8) {
      console.log(`  the writer cannot keep up with ${fmt(rate)} events/s; higher rates skipped`);
      break;
    }
  }
}
