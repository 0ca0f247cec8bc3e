import { ApiError } from '@kairro/http';

/** How a request names its time range: `hours` back from now, or `from`/`to` (ISO-8601). */
export interface RangeInput {
  from?: string | undefined;
  to?: string | undefined;
  hours?: number | undefined;
}

export interface TimeRange {
  from: Date;
  /** Exclusive. */
  to: Date;
}

const HOUR = 3_600_000;

/**
 * The range of an event list or export: open on either side when not given. `hours` and `from`/`to`
 * exclude each other; `from` must be before `to`.
 */
export function resolveOpenRange(input: RangeInput, now: Date): { from?: Date; to?: Date } {
  checkExclusive(input);
  if (input.hours !== undefined) return { from: new Date(now.getTime() - input.hours * HOUR) };
  const from = input.from === undefined ? undefined : parseInstant('from', input.from);
  const to = input.to === undefined ? undefined : parseInstant('to', input.to);
  if (from && to && from.getTime() >= to.getTime())
    throw new ApiError('BAD_REQUEST', '"from" must be before "to".');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/**
 * The range of an analytics query, widened to whole hours because the aggregates are hourly:
 * `from` is rounded down and `to` up. Without `from`, it starts `defaultHours` before `to`
 * (default now).
 */
export function resolveHourRange(input: RangeInput, now: Date, defaultHours: number): TimeRange {
  const open = resolveOpenRange(input, now);
  const to = open.to ?? now;
  const from = open.from ?? new Date(to.getTime() - defaultHours * HOUR);
  if (from.getTime() >= to.getTime()) throw new ApiError('BAD_REQUEST', '"from" must be before "to".');
  return {
    from: new Date(Math.floor(from.getTime() / HOUR) * HOUR),
    to: new Date(Math.ceil(to.getTime() / HOUR) * HOUR),
  };
}

/** ClickHouse `DateTime64(3, 'UTC')` parameter text: `2026-11-22 10:00:00.000`. */
export function chTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** A ClickHouse DateTime text (`2026-11-22 10:00:00[.000]`) as ISO-8601 UTC. */
export function toIso(chDateTime: string): string {
  return chDateTime.includes('T') ? chDateTime : `${chDateTime.replace(' ', 'T')}Z`;
}

/** A ClickHouse DateTime text as ISO-8601 UTC with milliseconds, like `Date#toISOString`. */
export function toIsoMs(chDateTime: string): string {
  return new Date(toIso(chDateTime)).toISOString();
}

function checkExclusive(input: RangeInput): void {
  if (input.hours !== undefined && (input.from !== undefined || input.to !== undefined))
    throw new ApiError('BAD_REQUEST', 'Pass either "hours" or "from"/"to", not both.');
}

function parseInstant(name: string, value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new ApiError('BAD_REQUEST', `"${name}" is not an ISO-8601 date-time: ${value.slice(0, 40)}`);
  return d;
}
