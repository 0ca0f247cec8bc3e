import type { ClickHouseClient } from '@clickhouse/client';
import { chTime, toIso, type TimeRange } from './range.ts';

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
 * Top N users, tools or teams over the range from `events_hourly`, with block/warn counts and DLP
 * findings. The column and sort names come from fixed maps, never from the request text.
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
  const rows = await ch
    .query({
      query: `
        SELECT ${column} AS key, sum(events) AS events, sumIf(events, action = 'BLOCK') AS blocked,
               sumIf(events, action = 'WARN') AS warned, sum(flagged) AS flagged,
               sum(findings) AS findings, uniqExact(user_email) AS users
        FROM events_hourly
        WHERE org_id = {org:String} AND hour >= {from:DateTime('UTC')} AND hour < {to:DateTime('UTC')}
          ${opts.tool ? 'AND tool = {tool:String}' : ''}
          ${opts.team ? 'AND team = {team:String}' : ''}
        GROUP BY key
        ORDER BY ${sort} DESC, key
        LIMIT {limit:UInt16}`,
      query_params: {
        org: orgId,
        from: chTime(range.from).slice(0, 19),
        to: chTime(range.to).slice(0, 19),
        tool: opts.tool ?? '',
        team: opts.team ?? '',
        limit: opts.limit,
      },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<Record<keyof BreakdownRow, string>>());
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    by: opts.by,
    rows: rows.map((r) => ({
      key: r.key,
      events: Number(r.events),
      blocked: Number(r.blocked),
      warned: Number(r.warned),
      flagged: Number(r.flagged),
      findings: Number(r.findings),
      users: Number(r.users),
    })),
  };
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
        SELECT tool, max(category) AS category, min(first_seen) AS first_seen, max(last_seen) AS last_seen,
               uniqMerge(users) AS users, sum(events) AS events, sum(prompts) AS prompts,
               sum(blocked) AS blocked, sum(warned) AS warned
        FROM ai_tool_inventory
        WHERE org_id = {org:String}
        GROUP BY tool
        ORDER BY events DESC, tool
        LIMIT {limit:UInt16}`,
      query_params: { org: orgId, limit },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<Record<string, string>>());
  return rows.map((r) => ({
    tool: r.tool ?? '',
    category: r.category ?? '',
    firstSeen: toIso(r.first_seen ?? ''),
    lastSeen: toIso(r.last_seen ?? ''),
    users: Number(r.users),
    events: Number(r.events),
    prompts: Number(r.prompts),
    blocked: Number(r.blocked),
    warned: Number(r.warned),
  }));
}
