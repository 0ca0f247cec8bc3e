// Folding one streamed decision into the overview's numbers between two polls, so counters and the
// events-over-time chart move the moment a decision is made. The next poll replaces them with the
// server's figures.
import type { EventsOverTime, EventView, Summary } from '../api/types.ts';

export function countInSummary(summary: Summary, event: EventView): Summary {
  return {
    total: summary.total + 1,
    byAction: { ...summary.byAction, [event.action]: (summary.byAction[event.action] ?? 0) + 1 },
  };
}

/** The chart fills and sums sparse buckets itself, so one more point of count 1 is enough. */
export function countInTimeline(timeline: EventsOverTime, event: EventView): EventsOverTime {
  return {
    ...timeline,
    buckets: [...timeline.buckets, { start: event.occurredAt, action: event.action, count: 1 }],
  };
}

/** Whether a streamed event belongs in a window of the last `hours` hours. */
export function inWindow(event: EventView, hours: number, nowMs: number): boolean {
  const at = Date.parse(event.occurredAt);
  return !Number.isNaN(at) && at >= nowMs - hours * 3_600_000;
}
