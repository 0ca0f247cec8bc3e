import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { TOPICS, type EventRecord } from '@kairro/core';
import type { RecordStream, Subscription } from '@kairro/stream';
import { toView } from '../analytics/events.ts';
import { RollingCounters } from './counters.ts';

/** What the hub needs from a WebSocket (the `ws` socket satisfies it). */
export interface LiveSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string): void;
}

const OPEN = 1;

interface Client {
  socket: LiveSocket;
  /** Only these actions are pushed; null = all. */
  actions: ReadonlySet<string> | null;
  /** Events not sent because the socket's buffer was full, since the last `lagged` notice. */
  dropped: number;
}

export interface LiveHub {
  /** Starts pushing the org's events and counters to the socket; returns the detach function. */
  attach(orgId: string, socket: LiveSocket): { setActions(actions: string[] | null): void; detach(): void };
  stop(): Promise<void>;
}

export interface LiveHubOptions {
  /** Events are dropped for a client whose socket holds more than this many unsent bytes. */
  maxBufferedBytes?: number;
  counterIntervalMs?: number;
  now?: () => number;
}

/**
 * The console's live feed. Each api process subscribes to the events topic itself, as a live
 * subscription (from the newest record, nothing stored), so several api processes each see every
 * event; the hub fans an event out only to the sockets of the event's org. Counters (the last 60
 * seconds per action) go out once a second. A slow client is not allowed to grow memory: while its
 * socket buffer is full, its events are dropped and it is told how many.
 */
export async function startLiveHub(stream: RecordStream, opts: LiveHubOptions = {}): Promise<LiveHub> {
  const maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  const now = opts.now ?? Date.now;
  const clients = new Map<string, Set<Client>>();
  const counters = new Map<string, RollingCounters>();

  const countersOf = (orgId: string): RollingCounters => {
    let c = counters.get(orgId);
    if (!c) {
      c = new RollingCounters(60);
      counters.set(orgId, c);
    }
    return c;
  };

  /** Sends unless the socket is backed up; a dropped event (not a counters tick) is counted. */
  function push(client: Client, message: string, isEvent: boolean): void {
    if (client.socket.readyState !== OPEN) return;
    if (client.socket.bufferedAmount > maxBuffered) {
      if (isEvent) client.dropped++;
      return;
    }
    client.socket.send(message);
  }

  const subscription: Subscription = await stream.subscribe({
    groupId: `kairro-live-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    topics: [TOPICS.events],
    live: true,
    handler: async (records) => {
      for (const record of records) {
        const event = record.value as EventRecord | null;
        if (!event || typeof event.org_id !== 'string') continue;
        countersOf(event.org_id).add(event.action, Date.parse(event.occurred_at) || now());
        const targets = clients.get(event.org_id);
        if (!targets?.size) continue;
        const message = JSON.stringify({
          type: 'event',
          event: toView({ ...event, team: event.team ?? '' }),
        });
        for (const client of targets)
          if (!client.actions || client.actions.has(event.action)) push(client, message, true);
      }
    },
  });

  const timer = setInterval(() => {
    for (const [orgId, set] of clients) {
      const message = JSON.stringify({
        type: 'counters',
        windowSeconds: 60,
        ...countersOf(orgId).read(now()),
      });
      for (const client of set) {
        if (client.dropped > 0 && client.socket.bufferedAmount <= maxBuffered) {
          client.socket.send(JSON.stringify({ type: 'lagged', dropped: client.dropped }));
          client.dropped = 0;
        }
        push(client, message, false);
      }
    }
  }, opts.counterIntervalMs ?? 1_000);
  timer.unref();

  return {
    attach(orgId, socket) {
      const client: Client = { socket, actions: null, dropped: 0 };
      let set = clients.get(orgId);
      if (!set) {
        set = new Set();
        clients.set(orgId, set);
      }
      set.add(client);
      return {
        setActions(actions) {
          client.actions = actions ? new Set(actions) : null;
        },
        detach() {
          set.delete(client);
          if (set.size === 0) clients.delete(orgId);
        },
      };
    },
    async stop() {
      clearInterval(timer);
      await subscription.stop();
      clients.clear();
    },
  };
}
