/**
 * Part "freshness": how long after the evaluate response a decision is visible to the api, at a
 * steady load (BENCH_RATE evaluations/s, default 200, for BENCH_SECONDS, default 60), in the embedded
 * shape or with BENCH_SHAPE=kafka in the distributed one.
 * - Live feed: the console's WebSocket (/v1/admin/live) pushes every decision; it reads the stream,
 *   not ClickHouse.
 * - ClickHouse: BLOCK decisions are sampled (4 a second) and the events list
 *   (`GET /v1/admin/events?action=BLOCK`, newest first, read from ClickHouse) is polled every 100 ms
 *   until each sample shows up; the time is taken when the answer that first lists it arrives
 *   (an upper bound: the poll interval and the query time are included).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { registerProfiles, startLoad, type Ack } from './load.ts';
import { startEmbedded, startKafkaShape, type Shape } from './shapes.ts';
import { envNumber, fmt, summarize } from './stats.ts';

export async function run(): Promise<void> {
  const shape = process.env.BENCH_SHAPE === 'kafka' ? await startKafkaShape() : await startEmbedded();
  await measureFreshness(shape);
}

export async function measureFreshness(shape: Shape): Promise<void> {
  const rate = envNumber('BENCH_RATE', 200);
  const seconds = envNumber('BENCH_SECONDS', 60);
  console.log(`  ${shape.name} shape, ${fmt(rate)} evaluations/s for ${fmt(seconds)} s`);
  const tokens = await registerProfiles(shape.ingestUrl, shape.demo.licenseKey, 50);

  // Live feed: match each pushed event with its evaluate response, whichever comes first.
  const ackAt = new Map<string, number>();
  const liveAt = new Map<string, number>();
  const liveLatency: number[] = [];
  const ws = new WebSocket(`${shape.apiUrl.replace(/^http/, 'ws')}/v1/admin/live`, {
    headers: { cookie: shape.admin.cookieHeader },
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let lagged = 0;
  ws.on('message', (data: Buffer) => {
    const at = performance.now();
    const msg = JSON.parse(data.toString()) as {
      type: string;
      event?: { eventId: string };
      dropped?: number;
    };
    if (msg.type === 'lagged') lagged += msg.dropped ?? 0;
    if (msg.type !== 'event' || !msg.event) return;
    const acked = ackAt.get(msg.event.eventId);
    if (acked === undefined) liveAt.set(msg.event.eventId, at);
    else {
      liveLatency.push(at - acked);
      ackAt.delete(msg.event.eventId);
    }
  });

  // ClickHouse: BLOCK decisions sampled as they are acknowledged.
  const pending = new Map<string, number>();
  const chLatency: number[] = [];
  let chMissing = 0;
  let lastSample = 0;
  const onAck = (ack: Ack) => {
    const live = liveAt.get(ack.eventId);
    if (live === undefined) ackAt.set(ack.eventId, ack.at);
    else {
      liveLatency.push(live - ack.at);
      liveAt.delete(ack.eventId);
    }
    if (ack.action === 'BLOCK' && ack.at - lastSample >= 250) {
      lastSample = ack.at;
      pending.set(ack.eventId, ack.at);
    }
  };
  let polling = true;
  const pollTimes: number[] = [];
  const poller = (async () => {
    while (polling || pending.size > 0) {
      if (pending.size > 0) {
        const t = performance.now();
        const res = await shape.admin.get('/v1/admin/events?action=BLOCK&limit=500&hours=1');
        const at = performance.now();
        pollTimes.push(at - t);
        for (const e of (res.body?.events ?? []) as Array<{ eventId: string }>) {
          const acked = pending.get(e.eventId);
          if (acked === undefined) continue;
          chLatency.push(at - acked);
          pending.delete(e.eventId);
        }
        // A sample still missing after 60 s is reported as missing.
        for (const [id, acked] of pending)
          if (at - acked > 60_000) {
            pending.delete(id);
            chMissing++;
          }
      }
      await sleep(100);
    }
  })();

  const load = startLoad({ ingestUrl: shape.ingestUrl, tokens, concurrency: 64, rate, onAck });
  await sleep(seconds * 1000);
  await load.stop();
  polling = false;
  await poller;
  await sleep(2_000);
  ws.close();

  const { acked, failed } = load.stats();
  console.log(`  ${fmt(acked)} decisions (${fmt(acked / seconds)}/s), ${failed} failed`);
  const live = summarize(liveLatency);
  const ch = summarize(chLatency);
  console.log('                                   samples     p50      p95      p99      max   p95 ≤ 2 s');
  const line = (name: string, s: ReturnType<typeof summarize>) =>
    console.log(
      `  ${name.padEnd(32)} ${fmt(s.n).padStart(7)} ${fmt(s.p50).padStart(5)} ms ${fmt(s.p95).padStart(5)} ms` +
        ` ${fmt(s.p99).padStart(5)} ms ${fmt(s.max).padStart(5)} ms   ${s.p95 <= 2000 ? 'met' : 'MISSED'}`,
    );
  line('live feed (WebSocket, stream)', live);
  line('ClickHouse (events list)', ch);
  const notSeen = acked - live.n;
  if (notSeen > 0 || lagged > 0)
    console.log(
      `  live feed: ${fmt(notSeen)} decisions not pushed within the run (${fmt(lagged)} reported dropped)`,
    );
  if (chMissing > 0) console.log(`  ClickHouse: ${fmt(chMissing)} more samples were not visible after 60 s`);
  console.log(`  events-list poll: every 100 ms, answered in ${fmt(summarize(pollTimes).p50)} ms at p50`);
}
