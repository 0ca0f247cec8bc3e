/**
 * The background worker's outbox for sightings and WARN overrides. Records are kept in
 * `storage.local`, so an MV3 worker that is stopped between enqueue and send loses nothing; they
 * go out in batches (at 20 queued, or a few seconds after the first), and are retried with backoff
 * while the backend cannot be reached. The queue is capped: the oldest records go first, counted.
 */
import { browser } from 'wxt/browser';
import { validateConfig } from './config.ts';
import type { Backlog } from './messages.ts';
import { readSession, type Registrar } from './registration.ts';
import * as items from './storage.ts';
import { isFresh, nextBatch, postTelemetry, type TelemetryRecord } from './telemetry.ts';

export const TELEMETRY_ALARM = 'kairro-telemetry';
export const MAX_QUEUED = 500;
/** Flush at once when this many are waiting. */
export const FLUSH_AT = 20;
/** Otherwise this long after the first; short enough that the worker is still alive (a safety alarm covers it). */
export const FLUSH_DELAY_MS = 5_000;
/** Retry delays double from this (alarms: Chrome's minimum is 30 s) up to the cap. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 30 * 60_000;

export interface TelemetryQueueState {
  records: TelemetryRecord[];
  /** Dropped since install: pushed out by the cap, or refused by the backend as invalid. */
  dropped: number;
  /** Failed flushes in a row; sets the next retry's delay. */
  failures: number;
  /** ISO time before which no flush is started except by the retry alarm; null when not backing off. */
  retryAt: string | null;
}

export type FlushOutcome =
  /** Nothing was waiting, or everything was sent or dropped. */
  | 'done'
  /** No session (not configured, not registered): kept for later. */
  | 'waiting'
  /** The backend could not take it now: kept, retry alarm set. */
  | 'retrying';

export interface TelemetryQueueDeps {
  fetch: typeof fetch;
  registrar: Registrar;
  now?: () => Date;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  flushDelayMs?: number;
}

export interface TelemetryQueue {
  /**
   * Stores the record, then flushes now (20 waiting), soon, or when the retry alarm fires. False,
   * and nothing kept, when the extension is not configured: there is no org to report to, and
   * what the heuristic saw on an unconfigured browser's pages should not pile up in storage.
   */
  enqueue(record: TelemetryRecord): Promise<boolean>;
  /** Sends what is waiting, batch by batch, until empty or the backend fails. One at a time. */
  flush(): Promise<FlushOutcome>;
  /** Flushes unless a retry is scheduled: for worker start and a fresh registration. */
  resume(): Promise<FlushOutcome | 'backing-off'>;
  backlog(): Promise<Backlog>;
}

export function retryDelayMs(failures: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

export function createTelemetryQueue(deps: TelemetryQueueDeps): TelemetryQueue {
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const flushDelayMs = deps.flushDelayMs ?? FLUSH_DELAY_MS;
  let chain: Promise<unknown> = Promise.resolve();
  let inFlight: Promise<FlushOutcome> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  /** Read-modify-write of the one storage item, one after another so no update is lost. */
  const mutate = (change: (s: TelemetryQueueState) => TelemetryQueueState): Promise<TelemetryQueueState> => {
    const run = chain.then(async () => {
      const next = change(await items.telemetryQueue.getValue());
      await items.telemetryQueue.setValue(next);
      return next;
    });
    chain = run.catch(() => undefined);
    return run;
  };

  const backingOff = (s: TelemetryQueueState) =>
    s.retryAt !== null && Date.parse(s.retryAt) > now().getTime();

  const remove = (ids: readonly string[], dropped: number) => {
    const gone = new Set(ids);
    return mutate((s) => ({
      ...s,
      records: s.records.filter((r) => !gone.has(r.id)),
      dropped: s.dropped + dropped,
      failures: 0,
      retryAt: null,
    }));
  };

  /** Backs off; never sooner than the backend asked (`retryAfterMs`), never later than the cap. */
  async function scheduleRetry(retryAfterMs = 0): Promise<void> {
    const s = await mutate((s) => {
      const failures = s.failures + 1;
      const delay = Math.min(Math.max(retryDelayMs(failures), retryAfterMs), RETRY_MAX_MS);
      return { ...s, failures, retryAt: new Date(now().getTime() + delay).toISOString() };
    });
    await browser.alarms.create(TELEMETRY_ALARM, { when: Date.parse(s.retryAt!) });
  }

  /** Drops sightings ingest would refuse as too old (after a long outage), counted. */
  async function dropStale(): Promise<TelemetryQueueState> {
    const at = now();
    return mutate((s) => {
      const records = s.records.filter((r) => isFresh(r, at));
      const stale = s.records.length - records.length;
      if (stale > 0) console.warn(`[kairro] dropped ${stale} sighting(s) older than ingest accepts`);
      return stale > 0 ? { ...s, records, dropped: s.dropped + stale } : s;
    });
  }

  async function flushOnce(): Promise<FlushOutcome> {
    let renewed = false;
    for (;;) {
      const state = await dropStale();
      const batch = nextBatch(state.records);
      if (!batch) {
        if (state.failures > 0 || state.retryAt !== null)
          await mutate((s) => ({ ...s, failures: 0, retryAt: null }));
        await browser.alarms.clear(TELEMETRY_ALARM);
        return 'done';
      }
      const session = await readSession();
      if (!session.ok) {
        // A later registration resumes the queue; the alarm is the fallback.
        await scheduleRetry();
        return 'waiting';
      }
      const result = await postTelemetry(
        { backendUrl: session.backendUrl, token: session.token, path: batch.path, body: batch.body },
        { fetch: deps.fetch, timeoutMs },
      );
      switch (result.kind) {
        case 'accepted':
          await remove(batch.ids, 0);
          continue;
        case 'rejected':
          // The backend will never take these; keeping them would block everything behind them.
          console.warn(
            `[kairro] ${batch.path} refused ${batch.ids.length} record(s), dropped (${result.code}): ${result.message}`,
          );
          await remove(batch.ids, batch.ids.length);
          continue;
        case 'refused':
          if (!renewed) {
            renewed = true;
            if ((await deps.registrar.renew(session.token)).state === 'protected') continue;
          }
          await scheduleRetry();
          return 'retrying';
        case 'failed':
          console.warn(`[kairro] sending telemetry failed (${result.code}): ${result.message}`);
          await scheduleRetry(result.retryAfterMs);
          return 'retrying';
      }
    }
  }

  const flush: TelemetryQueue['flush'] = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    inFlight ??= flushOnce().finally(() => (inFlight = null));
    return inFlight;
  };

  return {
    async enqueue(record) {
      if (!validateConfig((await items.readEffectiveConfig()).values).ok) return false;
      const state = await mutate((s) => {
        const records = [...s.records, record];
        const over = records.length - MAX_QUEUED;
        return over > 0
          ? { ...s, records: records.slice(over), dropped: s.dropped + over }
          : { ...s, records };
      });
      if (backingOff(state)) return true;
      if (state.records.length >= FLUSH_AT) {
        void flush();
      } else if (timer === null) {
        timer = setTimeout(() => void flush(), flushDelayMs);
        // The worker may be stopped before the timer fires; the alarm wakes it to flush then.
        await browser.alarms.create(TELEMETRY_ALARM, { delayInMinutes: 1 });
      }
      return true;
    },
    flush,
    async resume() {
      const state = await items.telemetryQueue.getValue();
      if (backingOff(state)) return 'backing-off';
      return flush();
    },
    async backlog() {
      const { records, dropped } = await items.telemetryQueue.getValue();
      return { waiting: records.length, dropped };
    },
  };
}
