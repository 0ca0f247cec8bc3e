/**
 * The load: browser profiles registered with the demo license, then evaluate calls over keep-alive
 * HTTP, either closed-loop (N requests always in flight: as fast as ingest answers) or open-loop at a
 * fixed rate. Prompts are `kairro demo`'s realistic mix.
 */
import { Agent, request } from 'node:http';
import { demoPrompt } from '../../cli/src/demo/prompts.ts';

export interface LoadStats {
  acked: number;
  failed: number;
  lastError: string | undefined;
}

export interface Load {
  stats(): LoadStats;
  stop(): Promise<void>;
}

export interface Ack {
  eventId: string;
  /** performance.now() when the response was complete. */
  at: number;
  action: string;
}

type JsonBody = Record<string, unknown> | undefined;

/** JSON over one keep-alive agent; resolves status and parsed body. */
export function postJson(
  agent: Agent,
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: JsonBody }> {
  const payload = JSON.stringify(body);
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as JsonBody) : undefined });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: { text } });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function registerProfiles(
  ingestUrl: string,
  licenseKey: string,
  count: number,
): Promise<string[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  try {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await postJson(agent, ingestUrl, '/v1/extension/register', {
        licenseKey,
        endpointId: `bench-endpoint-${i}`,
        identity: { email: `user${i}@bench.example` },
      });
      if (res.status !== 200) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.push(res.body?.token as string);
    }
    return tokens;
  } finally {
    agent.destroy();
  }
}

/** mulberry32: a small seeded generator so every run sends the same prompt mix. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function startLoad(opts: {
  ingestUrl: string;
  tokens: string[];
  /** Requests in flight at most (closed loop: always this many). */
  concurrency: number;
  /** Requests per second (open loop); unset = closed loop, as fast as ingest answers. */
  rate?: number;
  onAck?: (ack: Ack) => void;
  seed?: number;
}): Load {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const rand = seeded(opts.seed ?? 1);
  const stats: LoadStats = { acked: 0, failed: 0, lastError: undefined };
  let stopped = false;
  let inFlight = 0;
  let n = 0;
  const settled = new Set<Promise<void>>();

  const one = async (): Promise<void> => {
    const token = opts.tokens[n++ % opts.tokens.length]!;
    const { url, prompt } = demoPrompt(rand);
    inFlight++;
    try {
      const res = await postJson(
        agent,
        opts.ingestUrl,
        '/v1/extension/evaluate',
        { url, prompt },
        {
          authorization: `Bearer ${token}`,
        },
      );
      if (res.status === 200) {
        stats.acked++;
        opts.onAck?.({
          eventId: res.body?.eventId as string,
          action: res.body?.action as string,
          at: performance.now(),
        });
      } else {
        stats.failed++;
        stats.lastError = `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      }
    } catch (err) {
      stats.failed++;
      stats.lastError = err instanceof Error ? err.message : String(err);
    } finally {
      inFlight--;
    }
  };
  const track = (p: Promise<void>) => {
    settled.add(p);
    void p.finally(() => settled.delete(p));
  };

  let timer: NodeJS.Timeout | undefined;
  if (opts.rate === undefined) {
    const worker = async () => {
      while (!stopped) await one();
    };
    for (let i = 0; i < opts.concurrency; i++) track(worker());
  } else {
    // Open loop: every 10 ms, send what the rate owes since the start (skipped when all slots are busy).
    const t0 = performance.now();
    let sent = 0;
    timer = setInterval(() => {
      const owed = Math.floor(((performance.now() - t0) / 1000) * opts.rate!) - sent;
      for (let i = 0; i < owed; i++) {
        sent++;
        if (inFlight < opts.concurrency) track(one());
      }
    }, 10);
  }

  return {
    stats: () => ({ ...stats }),
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([...settled]);
      agent.destroy();
    },
  };
}
