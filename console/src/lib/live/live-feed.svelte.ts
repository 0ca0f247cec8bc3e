import type { EventView } from '../api/types.ts';
import { LiveClient, liveUrl, type LiveState } from './live-client.ts';
import type { LiveCounters } from './messages.ts';

/**
 * Reactive face of the live feed (`/v1/admin/live`): connection state for the "Live" indicator,
 * the server's rolling counters, and each new decision handed to `onEvent`. While it is not live
 * the page keeps polling.
 */
export class LiveFeed {
  state = $state<LiveState>('offline');
  /** The last counters frame; null when not live (it would be stale). */
  counters = $state<LiveCounters | null>(null);
  /** Events the server dropped for this client since connecting. */
  dropped = $state(0);
  #client: LiveClient | null = null;
  #handlers: { event?(event: EventView): void; lagged?(dropped: number): void };

  constructor(handlers: { event?(event: EventView): void; lagged?(dropped: number): void } = {}) {
    this.#handlers = handlers;
  }

  connect(url: string = liveUrl(location)): void {
    if (this.#client || typeof WebSocket === 'undefined') return;
    this.#client = new LiveClient({
      url,
      handlers: {
        state: (state) => {
          this.state = state;
          if (state !== 'live') this.counters = null;
        },
        counters: (counters) => (this.counters = counters),
        event: (event) => this.#handlers.event?.(event),
        lagged: (dropped) => {
          this.dropped += dropped;
          this.#handlers.lagged?.(dropped);
        },
      },
    });
    this.#client.start();
  }

  disconnect(): void {
    this.#client?.stop();
    this.#client = null;
    this.state = 'offline';
    this.counters = null;
  }
}
