import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { OrgConfig } from '@kairro/postgres';
import { runDecisionJob, type DecisionJob, type DecisionReply } from './decision-job.ts';
import type { IngestOrgConfig } from './org-config.ts';

/**
 * Runs decision jobs: scanning and policy evaluation, the CPU-bound part of an evaluation. On
 * decision threads the event loop keeps to HTTP, auth and the stream, so a large pasted prompt
 * does not hold up every other request, and ingest uses more than one core.
 */
export interface Decider {
  /** `config` is the org's config as the request saw it; the job runs against exactly that. */
  decide(job: DecisionJob, config: IngestOrgConfig): Promise<DecisionReply>;
  close(): Promise<void>;
}

/**
 * A core for the event loop and one for the rest (the stream's consumers, ClickHouse, GC), the
 * others decide: none on 2 cores, where handing jobs across threads costs more CPU than it frees
 * (`npm run bench:evaluate`), 2 on 4 cores.
 */
export function defaultDecisionThreads(): number {
  return Math.max(0, availableParallelism() - 2);
}

/** `threads` decision threads, or the event loop itself when 0. */
export function createDecider(threads: number, onThreadError: (err: unknown) => void = () => {}): Decider {
  if (!Number.isInteger(threads) || threads < 0)
    throw new Error(`decision threads must be a whole number ≥ 0, got ${threads}`);
  return threads === 0 ? inlineDecider : createThreadDecider(threads, onThreadError);
}

const inlineDecider: Decider = {
  decide: async (job, config) => runDecisionJob(job, config),
  close: async () => {},
};

/** Messages to a decision thread (decide-worker.ts). */
export type ToThread =
  { type: 'config'; orgId: string; config: OrgConfig } | { type: 'jobs'; batch: number; jobs: DecisionJob[] };

/** A decision thread's answer to one batch, in the batch's order. */
export interface FromThread {
  batch: number;
  replies: Array<DecisionReply | { error: string }>;
}

interface Pending {
  resolve: (reply: DecisionReply) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The config object last sent per org: a different object means the org's config changed. */
  sent: Map<string, IngestOrgConfig>;
  queued: DecisionJob[];
  queuedPending: Pending[];
  inFlight: Map<number, Pending[]>;
  load: number;
}

const WORKER_URL = new URL('./decide-worker.ts', import.meta.url);

function createThreadDecider(count: number, onThreadError: (err: unknown) => void): Decider {
  let nextBatch = 0;
  let closing = false;
  const threads: Thread[] = [];

  function start(slot: number): void {
    const worker = new Worker(WORKER_URL);
    // Never what keeps the process alive: the HTTP server is, and close() ends the threads.
    worker.unref();
    const thread: Thread = {
      worker,
      sent: new Map(),
      queued: [],
      queuedPending: [],
      inFlight: new Map(),
      load: 0,
    };
    threads[slot] = thread;
    worker.on('message', (reply: FromThread) => {
      const pending = thread.inFlight.get(reply.batch);
      if (!pending) return;
      thread.inFlight.delete(reply.batch);
      thread.load -= pending.length;
      reply.replies.forEach((r, i) => {
        if ('error' in r) pending[i]!.reject(new Error(`decision failed: ${r.error}`));
        else pending[i]!.resolve(r);
      });
    });
    worker.on('error', onThreadError);
    worker.on('exit', (code) => {
      if (closing) return;
      // Whatever it held is lost: those requests fail (500) and the extension retries; a fresh
      // thread takes the slot, and gets every config again on first use.
      const lost = new Error(`decision thread exited (code ${code}); retry the request`);
      for (const pending of [...thread.inFlight.values(), thread.queuedPending])
        for (const p of pending) p.reject(lost);
      onThreadError(lost);
      start(slot);
    });
  }

  function flush(thread: Thread): void {
    if (thread.queued.length === 0) return;
    const batch = nextBatch++;
    thread.inFlight.set(batch, thread.queuedPending);
    const message: ToThread = { type: 'jobs', batch, jobs: thread.queued };
    thread.queued = [];
    thread.queuedPending = [];
    thread.worker.postMessage(message);
  }

  for (let slot = 0; slot < count; slot++) start(slot);

  return {
    decide(job, config) {
      if (closing) return Promise.reject(new Error('the decider is closed'));
      let thread = threads[0]!;
      for (const t of threads) if (t.load < thread.load) thread = t;
      const { orgId } = job.claims;
      if (thread.sent.get(orgId) !== config) {
        // Posted before the batch that holds this job: a thread's messages arrive in order.
        const { scan: _scan, policy: _policy, ...raw } = config;
        const message: ToThread = { type: 'config', orgId, config: raw };
        thread.worker.postMessage(message);
        thread.sent.set(orgId, config);
      }
      return new Promise<DecisionReply>((resolve, reject) => {
        // The jobs of one turn of the event loop cross in one message: a message per job would
        // cost the event loop more than the decision it hands off.
        if (thread.queued.length === 0) queueMicrotask(() => flush(thread));
        thread.queued.push(job);
        thread.queuedPending.push({ resolve, reject });
        thread.load += 1;
      });
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
