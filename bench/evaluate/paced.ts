/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate, whatever happened to the
 * earlier ones, and its latency counts from when it was due (not when a socket was free), so a
 * slow server cannot hide its queueing delay (no coordinated omission).
 */
import { Agent, request } from 'node:http';
import { percentile } from '../pipeline/stats.ts';

export interface PacedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface PacedFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function pacedLoad(
  baseUrl: string,
  requests: readonly PacedRequest[],
  opts: { rate: number; seconds: number; sockets: number },
): Promise<PacedFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.sockets });
  const total = Math.round(opts.rate * opts.seconds);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();

  const send = (i: number, due: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const r = requests[i % requests.length]!;
      const req = request(
        new URL(r.path, baseUrl),
        { method: 'POST', agent, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - due);
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });

  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const p = send(i, due).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}
