import { fakeBrowser } from '../testing/fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIngest, type FakeIngest } from '../testing/fake-ingest.ts';
import type { ShadowSighting } from './messages.ts';
import { createRegistrar, type Registrar } from './registration.ts';
import * as items from './storage.ts';
import { parseRetryAfter, shadowEventRecord, warnOverrideRecord, type TelemetryRecord } from './telemetry.ts';
import {
  createTelemetryQueue,
  MAX_QUEUED,
  retryDelayMs,
  RETRY_MAX_MS,
  TELEMETRY_ALARM,
  type TelemetryQueue,
} from './telemetry-queue.ts';

const EVENT_ID = '0b7e3d2a-4c1f-4e8a-9d3b-5f6a7b8c9d0e';
let ingest: FakeIngest;
let registrar: Registrar;
let now: Date;

const queue = (flushDelayMs = 60_000): TelemetryQueue =>
  createTelemetryQueue({ fetch, registrar, now: () => now, timeoutMs: 1_000, flushDelayMs });

const sighting = (n = 0): TelemetryRecord =>
  shadowEventRecord(
    {
      url: `https://poe.com/chat/${n}?q=secret#frag`,
      signal: 'catalog',
      appliedAction: 'WARN',
      detail: 'Poe',
    } satisfies ShadowSighting,
    now,
  )!;

async function configure() {
  await items.writeLocalConfig({
    backendUrl: ingest.url,
    licenseKey: 'krr_lic_0123456789',
    userEmail: 'alice@example.com',
  });
  await registrar.refresh();
}

const sentEvents = () =>
  ingest.requests('shadow-event').flatMap((r) => (r.body as { events: { id: string }[] }).events);

beforeEach(async () => {
  fakeBrowser.reset();
  // Real time: the stand-in ingest, like ingest, refuses sightings older than 7 days.
  now = new Date();
  ingest = await startIngest();
  registrar = createRegistrar({ fetch, timeoutMs: 1_000 });
});
afterEach(() => ingest.close());

describe('telemetry records', () => {
  it('read Retry-After as seconds or as an HTTP date', () => {
    const at = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('30', at)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:02:00 GMT', at)).toBe(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', at)).toBe(0);
    expect([parseRetryAfter('soon', at), parseRetryAfter(null, at)]).toEqual([undefined, undefined]);
  });

  it('cut the URL to origin and path and the detail to 200 characters', () => {
    const record = shadowEventRecord(
      {
        url: 'https://chat.example.ai/c/1?q=secret#x',
        signal: 'heuristic',
        appliedAction: 'ALLOW',
        detail: `  ${'d'.repeat(300)}`,
      },
      now,
    );
    expect(record).toEqual({
      kind: 'shadow-event',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event: {
        id: record!.id,
        url: 'https://chat.example.ai/c/1',
        signal: 'heuristic',
        appliedAction: 'ALLOW',
        occurredAt: now.toISOString(),
        detail: 'd'.repeat(200),
      },
    });
    expect(
      shadowEventRecord({ url: 'file:///etc/passwd', signal: 'catalog', appliedAction: 'WARN' }, now),
    ).toBeNull();
    const long = shadowEventRecord(
      { url: `https://a.example/${'p'.repeat(3000)}`, signal: 'catalog', appliedAction: 'WARN' },
      now,
    );
    expect(long?.kind === 'shadow-event' && long.event.url.length).toBe(2048);
    expect(warnOverrideRecord({ eventId: 'evt-1', justification: ' needed ' })).toMatchObject({
      override: { eventId: 'evt-1', justification: 'needed' },
    });
    expect(warnOverrideRecord({ eventId: 'evt-1', justification: '   ' })).toBeNull();
  });
});

describe('telemetry queue', () => {
  it('sends a sighting after the short delay, with the token, as the contract has it', async () => {
    await configure();
    const q = queue(20);
    const record = sighting(1);
    await q.enqueue(record);
    expect(await fakeBrowser.alarms.get(TELEMETRY_ALARM)).toBeDefined();
    await vi.waitFor(() => expect(ingest.requests('shadow-event')).toHaveLength(1));
    const [req] = ingest.requests('shadow-event');
    expect(req!.headers.authorization).toBe('Bearer token-1');
    expect(req!.body).toEqual({
      events: [
        {
          id: record.id,
          url: 'https://poe.com/chat/1',
          signal: 'catalog',
          appliedAction: 'WARN',
          occurredAt: now.toISOString(),
          detail: 'Poe',
        },
      ],
    });
    await vi.waitFor(async () => expect(await q.backlog()).toEqual({ waiting: 0, dropped: 0 }));
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(TELEMETRY_ALARM)).toBeUndefined());
  });

  it('flushes at once when 20 are queued, in one request', async () => {
    await configure();
    const q = queue();
    for (let i = 0; i < 19; i++) await q.enqueue(sighting(i));
    expect(ingest.requests('shadow-event')).toHaveLength(0);
    await q.enqueue(sighting(19));
    await vi.waitFor(() => expect(ingest.requests('shadow-event')).toHaveLength(1));
    expect(sentEvents()).toHaveLength(20);
  });

  it('sends at most 50 sightings per request, and overrides one by one, in queue order', async () => {
    // Configured, but registration fails: everything waits for a token.
    ingest.on('register', () => ({ status: 503, raw: 'down' }));
    await configure();
    const q = queue();
    for (let i = 0; i < 60; i++) await q.enqueue(sighting(i));
    await q.enqueue(warnOverrideRecord({ eventId: EVENT_ID, justification: 'customer asked for it' })!);
    expect(await q.flush()).toBe('waiting');
    expect(ingest.requests('shadow-event')).toHaveLength(0);

    ingest.on('register', undefined);
    await registrar.refresh();
    expect(await q.flush()).toBe('done');
    expect(
      ingest.requests('shadow-event').map((r) => (r.body as { events: unknown[] }).events.length),
    ).toEqual([50, 10]);
    expect(ingest.requests('warn-override').map((r) => r.body)).toEqual([
      { eventId: EVENT_ID, justification: 'customer asked for it' },
    ]);
    expect(await q.backlog()).toEqual({ waiting: 0, dropped: 0 });
  });

  it('keeps nothing while the extension is not configured', async () => {
    const q = queue();
    expect(await q.enqueue(sighting(1))).toBe(false);
    expect(await q.backlog()).toEqual({ waiting: 0, dropped: 0 });
    expect(await items.telemetryQueue.getValue()).toMatchObject({ records: [] });
  });

  it('keeps records across a worker restart and sends them from the new worker', async () => {
    await configure();
    ingest.on('shadow-event', () => ({
      status: 503,
      json: { error: { code: 'UNAVAILABLE', message: 'down' } },
    }));
    const first = queue();
    await first.enqueue(sighting(1));
    expect(await first.flush()).toBe('retrying');

    ingest.on('shadow-event', undefined);
    // A new worker: nothing in memory, the queue is read back from storage.local.
    const second = queue();
    expect(await second.backlog()).toEqual({ waiting: 1, dropped: 0 });
    expect(await second.resume()).toBe('backing-off');
    expect(await second.flush()).toBe('done');
    // The failed attempt, then the same record again from the new worker.
    expect(ingest.requests('shadow-event').map((r) => r.body)).toEqual([
      { events: [expect.objectContaining({ id: expect.any(String) })] },
      {
        events: [
          expect.objectContaining({
            id: (ingest.requests('shadow-event')[0]!.body as { events: { id: string }[] }).events[0]!.id,
          }),
        ],
      },
    ]);
    expect(await second.backlog()).toEqual({ waiting: 0, dropped: 0 });
  });

  it('retries with doubling backoff on 5xx, network errors and timeouts, on the alarm', async () => {
    await configure();
    ingest.on('shadow-event', () => ({ status: 500, raw: 'boom' }));
    const q = queue();
    await q.enqueue(sighting(1));
    for (const failures of [1, 2, 3]) {
      expect(await q.flush()).toBe('retrying');
      const state = await items.telemetryQueue.getValue();
      expect(state).toMatchObject({ failures });
      const alarm = await fakeBrowser.alarms.get(TELEMETRY_ALARM);
      expect(alarm!.scheduledTime).toBe(now.getTime() + retryDelayMs(failures));
    }
    expect([1, 2, 3, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 30 * 60_000]);

    ingest.on('shadow-event', () => 'hang');
    expect(await q.flush()).toBe('retrying');

    await ingest.close();
    expect(await q.flush()).toBe('retrying');
    expect(await q.backlog()).toEqual({ waiting: 1, dropped: 0 });
  });

  it('waits at least as long as a 503 Retry-After asks, within the cap', async () => {
    await configure();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let retryAfter = '300';
    ingest.on('shadow-event', () => ({ status: 503, raw: 'full', headers: { 'retry-after': retryAfter } }));
    const q = queue();
    await q.enqueue(sighting(1));
    expect(await q.flush()).toBe('retrying');
    expect((await fakeBrowser.alarms.get(TELEMETRY_ALARM))!.scheduledTime).toBe(now.getTime() + 300_000);
    retryAfter = String(24 * 3600); // a day: capped
    expect(await q.flush()).toBe('retrying');
    expect((await fakeBrowser.alarms.get(TELEMETRY_ALARM))!.scheduledTime).toBe(now.getTime() + RETRY_MAX_MS);
    warn.mockRestore();
  });

  it('drops sightings too old for ingest before sending, so the fresh ones still go', async () => {
    await configure();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const q = queue();
    now = new Date(Date.now() - 7 * 24 * 3600_000);
    await q.enqueue(sighting(1));
    now = new Date();
    const fresh = sighting(2);
    await q.enqueue(fresh);
    expect(await q.flush()).toBe('done');
    expect(sentEvents().map((e) => e.id)).toEqual([fresh.id]);
    expect(await q.backlog()).toEqual({ waiting: 0, dropped: 1 });
    warn.mockRestore();
  });

  it('does not flush early while backing off, even at 20 queued', async () => {
    await configure();
    ingest.on('shadow-event', () => ({ status: 503, raw: 'down' }));
    const q = queue(10);
    await q.enqueue(sighting(0));
    await q.flush();
    const before = ingest.requests('shadow-event').length;
    for (let i = 1; i < 25; i++) await q.enqueue(sighting(i));
    await new Promise((r) => setTimeout(r, 50));
    expect(ingest.requests('shadow-event')).toHaveLength(before);
  });

  it('registers again once on 401 and retries with the new token', async () => {
    await configure();
    await items.token.setValue('stale-token');
    const q = queue();
    await q.enqueue(warnOverrideRecord({ eventId: EVENT_ID, justification: 'needed' })!);
    expect(await q.flush()).toBe('done');
    expect(ingest.requests('register')).toHaveLength(2);
    expect(ingest.requests('warn-override').map((r) => r.headers.authorization)).toEqual([
      'Bearer stale-token',
      'Bearer token-2',
    ]);
  });

  it('keeps the records when the token is refused again after registering', async () => {
    await configure();
    ingest.on('shadow-event', () => ({
      status: 401,
      json: { error: { code: 'INVALID_TOKEN', message: 'no' } },
    }));
    const q = queue();
    await q.enqueue(sighting(1));
    expect(await q.flush()).toBe('retrying');
    expect(ingest.requests('shadow-event')).toHaveLength(2);
    expect(ingest.requests('register')).toHaveLength(2);
    expect(await q.backlog()).toEqual({ waiting: 1, dropped: 0 });
  });

  it('drops a batch the backend refuses as invalid, and goes on with the next', async () => {
    await configure();
    ingest.on('warn-override', () => ({
      status: 400,
      json: { error: { code: 'VALIDATION', message: 'bad' } },
    }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const q = queue();
    await q.enqueue(warnOverrideRecord({ eventId: EVENT_ID, justification: 'needed' })!);
    await q.enqueue(sighting(1));
    expect(await q.flush()).toBe('done');
    expect(sentEvents()).toHaveLength(1);
    expect(await q.backlog()).toEqual({ waiting: 0, dropped: 1 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropped (VALIDATION)'));
    warn.mockRestore();
  });

  it(`holds at most ${MAX_QUEUED}, dropping the oldest and counting them`, async () => {
    ingest.on('register', () => ({ status: 503, raw: 'down' }));
    await configure();
    const q = queue();
    const records = Array.from({ length: MAX_QUEUED + 5 }, (_, i) => sighting(i));
    for (const r of records) await q.enqueue(r);
    expect(await q.backlog()).toEqual({ waiting: MAX_QUEUED, dropped: 5 });
    expect((await items.telemetryQueue.getValue()).records[0]!.id).toBe(records[5]!.id);
  });

  it('stores no query string, fragment or prompt text', async () => {
    ingest.on('register', () => ({ status: 503, raw: 'down' }));
    await configure();
    const q = queue();
    await q.enqueue(sighting(1));
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain('secret');
    expect(stored).not.toContain('frag');
  });
});
