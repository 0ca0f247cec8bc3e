/**
 * The synthetic records produced by kcat (librdkafka, in C): one `kcat -P` per topic, fed
 * tab-separated key and JSON lines on stdin. The writer's capacity is what this part measures, and
 * the kafkajs producer (synthetic.ts) costs ≈0.6 of this machine's two cores at 20,000 events/s,
 * taken from the writer; kcat costs ≈0.1. In the distributed shape the producers (ingest) run on
 * machines of their own. Needs the `kcat` Debian package.
 */
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { TOPICS } from '@kairro/core';
import { recordKey, syntheticEvent, type SyntheticProducer } from './synthetic.ts';

type Kcat = ChildProcessByStdio<Writable, null, Readable>;

export async function kcatProducer(brokers: string[], orgId: string): Promise<SyntheticProducer> {
  if (spawnSync('kcat', ['-V']).error)
    throw new Error(
      'kcat is not installed: `apt-get install kcat`, or BENCH_PRODUCER=kafkajs to produce from Node.js',
    );
  const keyOf = recordKey(orgId);
  // Sends what gathered each tick, as the kafkajs producer does: on the mock broker one produced
  // batch is what one fetch returns, so this sets the writer's fetch size.
  const tickMs = Number(process.env.BENCH_PRODUCE_TICK_MS ?? 50);
  const start = (topic: string): Kcat => {
    const child = spawn(
      'kcat',
      // murmur2: Java's partitioner, which ingest (kafkajs' default) uses, so keys land alike.
      [
        '-P',
        '-b',
        brokers.join(','),
        '-t',
        topic,
        '-K',
        '\t',
        '-X',
        `linger.ms=${tickMs}`,
        '-X',
        'partitioner=murmur2_random',
        '-X',
        'acks=all',
      ],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    // kcat reports delivery failures on stderr: they mean records the writer never got.
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`kcat ${topic}: ${chunk.toString()}`));
    return child;
  };
  const events = start(TOPICS.events);
  const matches = start(TOPICS.dlpMatches);
  let n = 0;
  return {
    async run(rate, seconds) {
      const t0 = performance.now();
      let sentEvents = 0;
      let sentMatches = 0;
      while (performance.now() - t0 < seconds * 1000) {
        const owed = Math.floor(((performance.now() - t0) / 1000) * rate) - sentEvents;
        if (owed > 0) {
          let eventLines = '';
          let matchLines = '';
          for (let k = 0; k < owed; k++) {
            const { event, matches: eventMatches } = syntheticEvent(orgId, n++);
            const key = keyOf(event);
            eventLines += `${key}\t${JSON.stringify(event)}\n`;
            for (const m of eventMatches) matchLines += `${key}\t${JSON.stringify(m)}\n`;
            sentMatches += eventMatches.length;
          }
          sentEvents += owed;
          // Both waits are set up before either is awaited: a 'drain' missed is never emitted again.
          const drained = [
            events.stdin.write(eventLines) ? undefined : once(events.stdin, 'drain'),
            matchLines && !matches.stdin.write(matchLines) ? once(matches.stdin, 'drain') : undefined,
          ];
          await Promise.all(drained);
        }
        await new Promise((resolve) => setTimeout(resolve, tickMs));
      }
      return {
        events: sentEvents,
        matches: sentMatches,
        achievedRate: sentEvents / ((performance.now() - t0) / 1000),
      };
    },
    processes: [{ name: 'kcat', pids: () => [events.pid!, matches.pid!] }],
    async close() {
      // kcat delivers what it holds, then exits, once its stdin ends.
      await Promise.all(
        [events, matches].map(async (child) => {
          if (child.exitCode !== null) return;
          const exited = once(child, 'exit');
          child.stdin.end();
          await exited;
        }),
      );
    },
  };
}
