import {
  breakdown,
  dlpOverview,
  dlpTrend,
  eventsOverTime,
  handleError,
  listEvents,
  summary,
} from '../api/client.ts';
import type { Breakdown, DlpOverview, DlpTrend, EventsOverTime, EventView, Summary } from '../api/types.ts';
import { fillBuckets, type TimelineRow } from '../charts/events-over-time.ts';
import { fillSeverityTrend, trendBucketFor, type SeverityRow } from '../charts/severity-trend.ts';
import { EventWindow } from './event-window.svelte.ts';
import { countInSummary, countInTimeline, inWindow } from './live-counts.ts';

export interface OverviewSnapshot {
  hours: number;
  summary: Summary;
  timeline: EventsOverTime;
  dlp: DlpOverview;
  trend: DlpTrend;
  users: Breakdown;
  tools: Breakdown;
  /** The latest BLOCK decisions in the range, newest first. */
  blocked: EventView[];
  /** Epoch milliseconds. */
  fetchedAt: number;
}

export const LATEST_LIMIT = 10;
const AT_RISK_LIMIT = 8;

/** Everything the overview shows for one time range, fetched in parallel. */
export async function fetchOverview(hours: number, fetcher?: typeof fetch): Promise<OverviewSnapshot> {
  const [sum, timeline, dlp, trend, users, tools, blocked] = await Promise.all([
    summary(hours, fetcher),
    eventsOverTime(hours, fetcher),
    dlpOverview(hours, fetcher),
    dlpTrend(hours, trendBucketFor(hours), fetcher),
    breakdown({ by: 'user', sort: 'blocked', hours, limit: AT_RISK_LIMIT }, fetcher),
    breakdown({ by: 'tool', sort: 'blocked', hours, limit: AT_RISK_LIMIT }, fetcher),
    listEvents({ action: ['BLOCK'], hours, limit: LATEST_LIMIT }, fetcher),
  ]);
  return {
    hours,
    summary: sum,
    timeline,
    dlp,
    trend,
    users,
    tools,
    blocked: blocked.events,
    fetchedAt: Date.now(),
  };
}

/**
 * Live state of the overview page. Snapshots come from the page loader (first load, range change)
 * or from `refresh()` (auto-refresh); only the newest request wins, and the previous data stays on
 * screen while a refresh of the same range is in flight. Streamed decisions (`addLive`) move the
 * counters, the chart and the blocked list until the next snapshot replaces them.
 */
export class OverviewFeed {
  hours = $state(24);
  snapshot = $state<OverviewSnapshot | null>(null);
  summary = $state<Summary | null>(null);
  timeline = $state<EventsOverTime | null>(null);
  fetchedAt = $state<number | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  readonly blocked = new EventWindow(LATEST_LIMIT);

  rows: TimelineRow[] = $derived(
    this.timeline ? fillBuckets(this.timeline, this.hours, this.fetchedAt ?? Date.now()) : [],
  );
  trendRows: SeverityRow[] = $derived(this.snapshot ? fillSeverityTrend(this.snapshot.trend) : []);
  isEmpty = $derived(this.summary !== null && this.summary.total === 0);

  #generation = 0;
  /** Streamed events already counted since the last snapshot (bookkeeping, not shown: not reactive). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #counted = new Set<string>();

  async track(snapshot: Promise<OverviewSnapshot>, hours: number): Promise<void> {
    const generation = ++this.#generation;
    if (hours !== this.hours) {
      // A new range: drop the old numbers so the loading state shows instead of stale ones.
      this.hours = hours;
      this.snapshot = null;
      this.summary = null;
      this.timeline = null;
      this.blocked.reset();
    }
    this.loading = true;
    try {
      const s = await snapshot;
      if (generation !== this.#generation) return;
      this.snapshot = s;
      this.summary = s.summary;
      this.timeline = s.timeline;
      this.fetchedAt = s.fetchedAt;
      this.blocked.merge(s.blocked);
      this.#counted.clear();
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

  /** One decision from the live feed. */
  addLive(event: EventView, nowMs: number = Date.now()): void {
    if (this.#counted.has(event.eventId) || !inWindow(event, this.hours, nowMs)) return;
    this.#counted.add(event.eventId);
    if (this.summary) this.summary = countInSummary(this.summary, event);
    if (this.timeline) this.timeline = countInTimeline(this.timeline, event);
    if (event.action === 'BLOCK') this.blocked.merge([event]);
  }
}
