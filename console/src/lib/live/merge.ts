import type { EventView } from '../api/types.ts';

export interface MergedWindow {
  /** Newest first, at most `capacity` long. */
  events: EventView[];
  /** Ids in `events` that were not in `current`. */
  freshIds: string[];
}

/**
 * Merges the newest page from the API into a rolling window of events: duplicates (same eventId)
 * keep the incoming version, order is newest first, and the oldest fall off past `capacity`.
 */
export function mergeWindow(current: EventView[], incoming: EventView[], capacity: number): MergedWindow {
  const known = new Set(current.map((e) => e.eventId));
  const byId = new Map<string, EventView>();
  for (const event of [...incoming, ...current]) {
    if (!byId.has(event.eventId)) byId.set(event.eventId, event);
  }
  const events = [...byId.values()]
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt))
    .slice(0, Math.max(0, capacity));
  return { events, freshIds: events.filter((e) => !known.has(e.eventId)).map((e) => e.eventId) };
}
