import type { EventView } from '../api/types.ts';
import { mergeWindow } from './merge.ts';

/**
 * The latest events, newest first, in a bounded rolling window. Each refresh merges the newest page
 * from the API; events that arrived since the previous refresh are flagged so the table can
 * highlight them (nothing is flagged on the first fill).
 */
export class EventWindow {
  readonly capacity: number;
  events = $state<EventView[]>([]);
  freshIds = $state<string[]>([]);
  #filled = false;

  constructor(capacity = 20) {
    this.capacity = capacity;
  }

  /** Empties the window; the next merge fills it without flagging anything. */
  reset(): void {
    this.events = [];
    this.freshIds = [];
    this.#filled = false;
  }

  merge(incoming: EventView[]): void {
    const { events, freshIds } = mergeWindow(this.events, incoming, this.capacity);
    this.freshIds = this.#filled ? freshIds : [];
    this.events = events;
    this.#filled = true;
  }
}
