// The live feed's wire protocol (`/v1/admin/live`, JSON text frames), parsed defensively: a frame
// that does not have the expected shape is ignored rather than trusted.
import { ACTIONS, type Action, type EventView } from '../api/types.ts';

export interface LiveCounters {
  windowSeconds: number;
  total: number;
  byAction: Record<Action, number>;
}

export type LiveMessage =
  | { type: 'event'; event: EventView }
  | ({ type: 'counters' } & LiveCounters)
  | { type: 'lagged'; dropped: number };

/** What the client may send: only receive events with these actions. */
export interface LiveFilter {
  type: 'filter';
  actions: Action[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function isEventView(value: unknown): value is EventView {
  return (
    isRecord(value) &&
    typeof value.eventId === 'string' &&
    typeof value.occurredAt === 'string' &&
    typeof value.action === 'string' &&
    (ACTIONS as readonly string[]).includes(value.action) &&
    typeof value.riskLevel === 'string' &&
    Array.isArray(value.detectors) &&
    Array.isArray(value.reasons)
  );
}

/** One frame's text → a message, or null for anything unreadable or unknown. */
export function parseLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'event':
      if (!isEventView(value.event)) return null;
      return {
        type: 'event',
        event: {
          ...value.event,
          userEmail: String(value.event.userEmail ?? ''),
          tool: String(value.event.tool ?? ''),
          urlHost: String(value.event.urlHost ?? ''),
          matchCount: Number(value.event.matchCount ?? 0),
          promptSnippet: String(value.event.promptSnippet ?? ''),
        },
      };
    case 'counters': {
      const by = isRecord(value.byAction) ? value.byAction : {};
      const byAction = Object.fromEntries(ACTIONS.map((a) => [a, count(by[a])])) as Record<Action, number>;
      return {
        type: 'counters',
        windowSeconds: count(value.windowSeconds),
        total: count(value.total),
        byAction,
      };
    }
    case 'lagged':
      return { type: 'lagged', dropped: count(value.dropped) };
    default:
      return null;
  }
}
