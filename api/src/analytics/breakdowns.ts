import type { ClickHouseClient } from '@clickhouse/client';
import { chTime, toIsoMs, type TimeRange } from './range.ts';

export const BREAKDOWN_DIMENSIONS = { user: 'user_email', tool: 'tool', team: 'team' } as const;
export type BreakdownDimension = keyof typeof BREAKDOWN_DIMENSIONS;
export const BREAKDOWN_SORTS = ['events', 'blocked', 'warned', 'findings'] as const;
export type BreakdownSort = (typeof BREAKDOWN_SORTS)[number];

export interface BreakdownRow {
  key: string;
  events: number;
  blocked: number;
  warned: number;
  flagged: number;
  findings: number;
  users: number;
}

/**
 * Top N users, tools or teams over the range, with block/warn counts, DLP findings and distinct
 * users. Whole days (UTC) come from `user_events_daily`, the hours of the range outside them from
 * `events_hourly`; both hold the user, so distinct users stay exact over their union. The last,
 * partial day is read from its day row too when nothing is stored after the range in that day (a
 * range ending now), which is then the same count. The column and sort names come from fixed maps,
 * never from the request text.
 */
export async function breakdown(
  ch: ClickHouseClient,
  orgId: string,
  range: TimeRange,
  opts: {
    by: BreakdownDimension;
    sort: BreakdownSort;
    limit: number;
    tool?: string | undefined;
    team?: string | undefined;
  },
): Promise<{ from: string; to: string; by: BreakdownDimension; rows: BreakdownRow[] }> {
  const column = BREAKDOWN_DIMENSIONS[opts.by];
  const sort = BREAKDOWN_SORTS.includes(opts.sort) ? opts.sort : 'events';
  const days = wholeDays(range);
  const tail = tailDay(range);
  // 1 when the last day's row may stand for the range's hours in it: nothing stored from `to` on.
  const tailWhole = tail
    ? `(SELECT count() = 0 FROM event_counts_hourly
        WHERE org_id = {org:String} AND hour >= {to:DateTime('UTC')} AND hour < {tail_end:DateTime('UTC')})`
    : '0';
  const filters = `${opts.tool ? 'AND tool = {tool:String}' : ''} ${opts.team ? 'AND team = {team:String}' : ''}`;
  const rows = await ch
    .query({
      query: `
        SELECT ${column} AS key, sum(events) AS n_events, sum(blocked) AS n_blocked,
               sum(warned) AS n_warned, sum(flagged) AS n_flagged, sum(findings) AS n_findings,
               ${opts.by === 'user' ? 'toUInt64(1)' : 'uniqExact(user_email)'} AS n_users
        FROM (
          SELECT tool, team, user_email, events, blocked, warned, flagged, findings
          FROM user_events_daily
          WHERE org_id = {org:String} AND day >= {day_from:Date}
            AND day < if(${tailWhole}, {tail_next:Date}, {day_to:Date}) ${filters}
          UNION ALL
          SELECT tool, team, user_email, events, if(action = 'BLOCK', events, 0) AS blocked,
                 if(action = 'WARN', events, 0) AS warned, flagged, findings
          FROM events_hourly
          WHERE org_id = {org:String} AND hour >= {from:DateTime('UTC')} AND hour < {to:DateTime('UTC')}
            AND (hour < {days_start:DateTime('UTC')} OR (hour >= {days_end:DateTime('UTC')} AND NOT ${tailWhole}))
            ${filters}
        )
        GROUP BY key
        ORDER BY n_${sort} DESC, key
        LIMIT {limit:UInt16}`,
      query_params: {
        org: orgId,
        from: chTime(range.from).slice(0, 19),
        to: chTime(range.to).slice(0, 19),
        day_from: days.from,
        day_to: days.to,
        days_start: `${days.from} 00:00:00`,
        days_end: `${days.to} 00:00:00`,
        tail_end: `${tail?.next ?? days.to} 00:00:00`,
        tail_next: tail?.next ?? days.to,
        tool: opts.tool ?? '',
        team: opts.team ?? '',
        limit: opts.limit,
      },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<Record<string, string>>());
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    by: opts.by,
    rows: rows.map((r) => ({
      key: r.key ?? '',
      events: Number(r.n_events),
      blocked: Number(r.n_blocked),
      warned: Number(r.n_warned),
      flagged: Number(r.n_flagged),
      findings: Number(r.n_findings),
      users: Number(r.n_users),
    })),
  };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The whole UTC days inside the range, as `YYYY-MM-DD` (from inclusive, to exclusive); an empty
 * range (from = to) when it holds none, so every hour then comes from the hourly aggregate.
 */
export function wholeDays(range: TimeRange): { from: string; to: string } {
  const from = Math.ceil(range.from.getTime() / DAY) * DAY;
  const to = Math.floor(range.to.getTime() / DAY) * DAY;
  return from < to ? { from: isoDay(from), to: isoDay(to) } : { from: isoDay(to), to: isoDay(to) };
}

/**
 * The day after the range's last, partial day, when the range ends inside a day it covers from its
 * start (right after its whole days); undefined otherwise.
 */
export function tailDay(range: TimeRange): { next: string } | undefined {
  const start = Math.floor(range.to.getTime() / DAY) * DAY;
  if (start === range.to.getTime() || start < range.from.getTime()) return undefined;
  return { next: isoDay(start + DAY) };
}

export interface AiToolView {
  tool: string;
  category: string;
  firstSeen: string;
  lastSeen: string;
  users: number;
  events: number;
  prompts: number;
  blocked: number;
  warned: number;
}

/** The org's AI tool inventory (`ai_tool_inventory`): every tool seen, within retention. */
export async function aiToolInventory(
  ch: ClickHouseClient,
  orgId: string,
  limit: number,
): Promise<AiToolView[]> {
  const rows = await ch
    .query({
      query: `
        SELECT tool, max(category) AS t_category, min(first_seen) AS t_first_seen,
               max(last_seen) AS t_last_seen, uniqMerge(users) AS t_users, sum(events) AS t_events,
               sum(prompts) AS t_prompts, sum(blocked) AS t_blocked, sum(warned) AS t_warned
        FROM ai_tool_inventory
        WHERE org_id = {org:String}
        GROUP BY tool
        ORDER BY t_events DESC, tool
        LIMIT {limit:UInt16}`,
      query_params: { org: orgId, limit },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<Record<string, string>>());
  return rows.map((r) => ({
    tool: r.tool ?? '',
    category: r.t_category ?? '',
    firstSeen: toIsoMs(r.t_first_seen ?? ''),
    lastSeen: toIsoMs(r.t_last_seen ?? ''),
    users: Number(r.t_users),
    events: Number(r.t_events),
    prompts: Number(r.t_prompts),
    blocked: Number(r.t_blocked),
    warned: Number(r.t_warned),
  }));
}
