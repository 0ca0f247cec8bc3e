import { eventsOverTime, handleError, listEvents, summary } from '../api/client.ts';
import type { EventsOverTime, EventView, Summary } from '../api/types.ts';
import { fillBuckets, type TimelineRow } from '../charts/events-over-time.ts';
import { EventWindow } from './event-window.svelte.ts';

export interface OverviewSnapshot {
  hours: number;
  summary: Summary;
  timeline: EventsOverTime;
  latest: EventView[];
  /** Epoch milliseconds. */
  fetchedAt: number;
}

export const LATEST_LIMIT = 15;

/** Everything the overview shows for one time range, fetched in parallel. */
export async function fetchOverview(hours: number, fetcher?: typeof fetch): Promise<OverviewSnapshot> {
  const [sum, timeline, latest] = await Promise.all([
    summary(hours, fetcher),
    eventsOverTime(hours, fetcher),
    listEvents({ limit: LATEST_LIMIT }, fetcher),
  ]);
  return { hours, summary: sum, timeline, latest: latest.events, fetchedAt: Date.now() };
}

/**
 * Live state of the overview page. Snapshots come from the page loader (first load, range change)
 * or from `refresh()` (auto-refresh); only the newest request wins, and the previous data stays on
 * screen while a refresh of the same range is in flight.
 */
export class OverviewFeed {
  hours = $state(24);
  summary = $state<Summary | null>(null);
  timeline = $state<EventsOverTime | null>(null);
  fetchedAt = $state<number | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  readonly latest = new EventWindow(LATEST_LIMIT);

  rows: TimelineRow[] = $derived(
    this.timeline ? fillBuckets(this.timeline, this.hours, this.fetchedAt ?? Date.now()) : [],
  );
  isEmpty = $derived(this.summary !== null && this.summary.total === 0 && this.latest.events.length === 0);

  #generation = 0;

  async track(snapshot: Promise<OverviewSnapshot>, hours: number): Promise<void> {
    const generation = ++this.#generation;
    if (hours !== this.hours) {
      // A new range: drop the old numbers so the loading state shows instead of stale ones.
      this.hours = hours;
      this.summary = null;
      this.timeline = null;
    }
    this.loading = true;
    try {
      const s = await snapshot;
      if (generation !== this.#generation) return;
      this.summary = s.summary;
      this.timeline = s.timeline;
      this.fetchedAt = s.fetchedAt;
      this.latest.merge(s.latest);
      this.error = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = handleError(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  refresh(): Promise<void> {
    return this.track(fetchOverview(this.hours), this.hours);
  }
}
