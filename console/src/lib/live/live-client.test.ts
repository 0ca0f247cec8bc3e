import { describe, expect, it } from 'vitest';
import type { EventView } from '../api/types.ts';
import { backoffDelay, LiveClient, liveUrl, type LiveState, type SocketLike } from './live-client.ts';
import type { LiveCounters } from './messages.ts';

/** A WebSocket the test drives by hand. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop() {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({});
  }
}

/** Timers the test fires by hand. */
function fakeTimers() {
  const pending: Array<{ fn: () => void; ms: number; id: number }> = [];
  let next = 1;
  return {
    pending,
    setTimeout: (fn: () => void, ms: number) => {
      const id = next++;
      pending.push({ fn, ms, id });
      return id;
    },
    clearTimeout: (id: unknown) => {
      const i = pending.findIndex((t) => t.id === id);
      if (i >= 0) pending.splice(i, 1);
    },
    fire() {
      const t = pending.shift();
      if (!t) throw new Error('no timer pending');
      t.fn();
      return t.ms;
    },
  };
}

const event: EventView = {
  eventId: 'e1',
  occurredAt: '2026-01-01T10:00:00.000Z',
  userEmail: 'ana@example.com',
  team: '',
  tool: 'ChatGPT',
  urlHost: 'chatgpt.com',
  action: 'BLOCK',
  riskLevel: 'CRITICAL',
  matchCount: 1,
  detectors: ['CREDIT_CARD'],
  promptSnippet: 'card [CREDIT_CARD]',
  reasons: ['r'],
};

function setup() {
  FakeSocket.all = [];
  const timers = fakeTimers();
  const seen = {
    events: [] as EventView[],
    counters: [] as LiveCounters[],
    lagged: [] as number[],
    states: [] as LiveState[],
  };
  const client = new LiveClient({
    url: 'ws://console/v1/admin/live',
    WebSocket: FakeSocket,
    initialDelayMs: 1000,
    maxDelayMs: 8000,
    offlineAfter: 3,
    jitter: 0,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    handlers: {
      event: (e) => seen.events.push(e),
      counters: (c) => seen.counters.push(c),
      lagged: (n) => seen.lagged.push(n),
      state: (s) => seen.states.push(s),
    },
  });
  const socket = () => FakeSocket.all.at(-1)!;
  return { client, timers, seen, socket };
}

describe('LiveClient', () => {
  it('connects, goes live and hands each kind of frame to its handler', () => {
    const { client, seen, socket } = setup();
    client.start();
    expect(socket().url).toBe('ws://console/v1/admin/live');
    expect(seen.states).toEqual(['connecting']);
    socket().open();
    expect(client.state).toBe('live');

    socket().receive({ type: 'event', event });
    socket().receive({ type: 'counters', windowSeconds: 60, total: 5, byAction: { ALLOW: 3, BLOCK: 2 } });
    socket().receive({ type: 'lagged', dropped: 7 });
    expect(seen.events).toEqual([event]);
    expect(seen.counters).toEqual([
      { windowSeconds: 60, total: 5, byAction: { ALLOW: 3, WARN: 0, MASK: 0, BLOCK: 2 } },
    ]);
    expect(seen.lagged).toEqual([7]);
  });

  it('ignores frames that are not JSON, of an unknown type or of the wrong shape', () => {
    const { client, seen, socket } = setup();
    client.start();
    socket().open();
    socket().receive('not json');
    socket().receive({ type: 'hello' });
    socket().receive({ type: 'event', event: { eventId: 'x' } });
    socket().receive({ type: 'event', event: { ...event, action: 'EXPLODE' } });
    socket().receive([1, 2]);
    expect(seen.events).toEqual([]);
    expect(seen.counters).toEqual([]);
  });

  it('reconnects with doubling back-off, says offline after three failures, and resets once live', () => {
    const { client, timers, seen, socket } = setup();
    client.start();
    socket().drop();
    expect(client.state).toBe('reconnecting');
    expect(timers.fire()).toBe(1000);
    socket().drop();
    expect(timers.fire()).toBe(2000);
    socket().drop();
    expect(client.state).toBe('offline');
    expect(timers.fire()).toBe(4000);
    socket().drop();
    expect(timers.fire()).toBe(8000);
    socket().drop();
    expect(timers.fire()).toBe(8000); // capped
    socket().open();
    expect(client.state).toBe('live');
    socket().drop();
    expect(client.state).toBe('reconnecting');
    expect(timers.fire()).toBe(1000); // back-off starts over after a success
    expect(seen.states).toEqual(['connecting', 'reconnecting', 'offline', 'live', 'reconnecting']);
    expect(FakeSocket.all).toHaveLength(7);
  });

  it('sends the action filter when connected and again after a reconnect', () => {
    const { client, timers, socket } = setup();
    client.setFilter(['BLOCK', 'WARN']);
    client.start();
    socket().open();
    expect(socket().sent.map((s) => JSON.parse(s))).toEqual([{ type: 'filter', actions: ['BLOCK', 'WARN'] }]);
    socket().drop();
    timers.fire();
    socket().open();
    expect(socket().sent).toHaveLength(1);
    client.setFilter(null);
    expect(JSON.parse(socket().sent[1]!)).toEqual({
      type: 'filter',
      actions: ['ALLOW', 'WARN', 'MASK', 'BLOCK'],
    });
  });

  it('stops: closes the socket, cancels the retry and ignores late callbacks', () => {
    const { client, timers, seen, socket } = setup();
    client.start();
    const first = socket();
    first.drop();
    expect(timers.pending).toHaveLength(1);
    client.stop();
    expect(timers.pending).toHaveLength(0);
    expect(client.state).toBe('offline');

    client.start();
    const second = socket();
    second.open();
    client.stop();
    expect(second.closed).toBe(true);
    second.receive({ type: 'event', event });
    second.onclose?.({});
    expect(seen.events).toEqual([]);
    expect(timers.pending).toHaveLength(0);
  });

  it('retries when the constructor throws (e.g. a blocked URL)', () => {
    FakeSocket.all = [];
    const timers = fakeTimers();
    let calls = 0;
    class Throwing extends FakeSocket {
      constructor(url: string) {
        super(url);
        if (++calls === 1) throw new Error('blocked');
      }
    }
    const client = new LiveClient({
      url: 'ws://x/v1/admin/live',
      WebSocket: Throwing,
      jitter: 0,
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
      handlers: {},
    });
    client.start();
    expect(client.state).toBe('reconnecting');
    timers.fire();
    FakeSocket.all.at(-1)!.open();
    expect(client.state).toBe('live');
  });
});

describe('backoffDelay and liveUrl', () => {
  it('doubles up to the cap and spreads by the jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(backoffDelay(1, 1000, 10_000, 0.2, 0)).toBe(900);
    expect(backoffDelay(1, 1000, 10_000, 0.2, 1)).toBe(1100);
  });

  it('uses wss behind https and the same host', () => {
    expect(liveUrl({ protocol: 'https:', host: 'kairro.example:8443' })).toBe(
      'wss://kairro.example:8443/v1/admin/live',
    );
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/v1/admin/live');
  });
});
