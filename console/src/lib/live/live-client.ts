// A WebSocket client for the live feed that reconnects with exponential back-off. Plain TypeScript
// with the WebSocket constructor and timers injected, so its behaviour is unit-tested without a
// browser; `live-feed.svelte.ts` wraps it in reactive state.
import { ACTIONS, type Action, type EventView } from '../api/types.ts';
import { parseLiveMessage, type LiveCounters, type LiveFilter } from './messages.ts';

/**
 * `connecting`: first attempt in flight. `live`: the socket is open. `reconnecting`: it closed and
 * a retry is scheduled. `offline`: stopped, or several attempts in a row failed (retries go on at
 * the longest back-off; the page polls meanwhile).
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The part of the browser's WebSocket the client uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = new (url: string) => SocketLike;

export interface LiveHandlers {
  event?(event: EventView): void;
  counters?(counters: LiveCounters): void;
  lagged?(dropped: number): void;
  state?(state: LiveState): void;
}

export interface LiveClientOptions {
  url: string;
  handlers: LiveHandlers;
  WebSocket?: SocketFactory;
  /** First retry delay; doubles per failed attempt up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Failed attempts in a row after which the state is `offline` instead of `reconnecting`. */
  offlineAfter?: number;
  /** 0..1, multiplies each delay by 1 ± jitter/2 so many consoles do not retry in step. */
  jitter?: number;
  random?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

const OPEN = 1;

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  jitter = 0,
  random = 0.5,
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + jitter * (random - 0.5)));
}

export class LiveClient {
  #opts: Required<Omit<LiveClientOptions, 'handlers' | 'url'>> & Pick<LiveClientOptions, 'handlers' | 'url'>;
  #socket: SocketLike | null = null;
  #timer: unknown = null;
  #failures = 0;
  #running = false;
  #state: LiveState = 'offline';
  #filter: Action[] | null = null;

  constructor(options: LiveClientOptions) {
    const Ctor = options.WebSocket ?? (globalThis.WebSocket as unknown as SocketFactory | undefined);
    if (!Ctor) throw new Error('No WebSocket implementation available.');
    this.#opts = {
      initialDelayMs: 1_000,
      maxDelayMs: 30_000,
      offlineAfter: 3,
      jitter: 0.2,
      random: Math.random,
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
      WebSocket: Ctor,
    };
  }

  get state(): LiveState {
    return this.#state;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#failures = 0;
    this.#setState('connecting');
    this.#connect();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer !== null) this.#opts.clearTimeout(this.#timer);
    this.#timer = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      this.#detach(socket);
      socket.close(1000, 'client stopped');
    }
    this.#setState('offline');
  }

  /** Only receive events with these actions (null: all). Sent now if connected, and on every reconnect. */
  setFilter(actions: Action[] | null): void {
    this.#filter = actions;
    this.#sendFilter(true);
  }

  #connect(): void {
    this.#timer = null;
    let socket: SocketLike;
    try {
      socket = new this.#opts.WebSocket(this.#opts.url);
    } catch {
      this.#failed();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      this.#failures = 0;
      this.#setState('live');
      this.#sendFilter();
    };
    socket.onmessage = (ev) => {
      if (socket === this.#socket) this.#dispatch(ev.data);
    };
    socket.onerror = () => {
      // A close always follows; the retry is scheduled there.
    };
    socket.onclose = () => {
      if (socket !== this.#socket) return;
      this.#detach(socket);
      this.#socket = null;
      this.#failed();
    };
  }

  #failed(): void {
    if (!this.#running) return;
    this.#failures += 1;
    this.#setState(this.#failures >= this.#opts.offlineAfter ? 'offline' : 'reconnecting');
    const { initialDelayMs, maxDelayMs, jitter, random } = this.#opts;
    const delay = backoffDelay(this.#failures, initialDelayMs, maxDelayMs, jitter, random());
    this.#timer = this.#opts.setTimeout(() => this.#connect(), delay);
  }

  #dispatch(data: unknown): void {
    const message = parseLiveMessage(data);
    const { handlers } = this.#opts;
    if (message?.type === 'event') handlers.event?.(message.event);
    else if (message?.type === 'counters') {
      const { type: _type, ...counters } = message;
      handlers.counters?.(counters);
    } else if (message?.type === 'lagged') handlers.lagged?.(message.dropped);
  }

  /** On connect only a set filter is sent; a change to "all" must also reach an open socket. */
  #sendFilter(changed = false): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN || (this.#filter === null && !changed)) return;
    const frame: LiveFilter = { type: 'filter', actions: this.#filter ?? [...ACTIONS] };
    socket.send(JSON.stringify(frame));
  }

  #detach(socket: SocketLike): void {
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
  }

  #setState(state: LiveState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#opts.handlers.state?.(state);
  }
}

/** The live feed's URL on the console's own origin (the session cookie goes with it). */
export function liveUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/admin/live`;
}
