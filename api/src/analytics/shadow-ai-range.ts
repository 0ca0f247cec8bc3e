import { resolveHourRange, type RangeInput } from './range.ts';

const DAY = 86_400_000;

/** Whole UTC days, `YYYY-MM-DD`; `to` exclusive. */
export interface DayRange {
  from: string;
  to: string;
}

/** The shadow-AI usage views default to the last 30 days. */
export const SHADOW_DEFAULT_HOURS = 24 * 30;

/**
 * The range of a shadow-AI usage query, widened to whole UTC days because its aggregate
 * (`tool_usage_daily`) is daily: `from` is rounded down to its day, `to` up to the next midnight.
 */
export function resolveDayRange(input: RangeInput, now: Date, defaultHours = SHADOW_DEFAULT_HOURS): DayRange {
  const hours = resolveHourRange(input, now, defaultHours);
  const from = Math.floor(hours.from.getTime() / DAY) * DAY;
  const to = Math.ceil(hours.to.getTime() / DAY) * DAY;
  return { from: isoDay(from), to: isoDay(to) };
}

/** Every day of the range, oldest first. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let t = Date.parse(range.from); t < Date.parse(range.to); t += DAY) days.push(isoDay(t));
  return days;
}

/** The range as ISO instants (the open-range filters of the event list take these). */
export function dayRangeInstants(range: DayRange): { from: string; to: string } {
  return { from: `${range.from}T00:00:00.000Z`, to: `${range.to}T00:00:00.000Z` };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
