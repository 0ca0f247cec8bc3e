import type { ClickHouseClient } from '@clickhouse/client';
import { toIsoMs } from './range.ts';
import { daysOf, type DayRange } from './shadow-ai-range.ts';

// The shadow-AI inventory over whole UTC days: usage from `tool_usage_daily` (prompts and shadow-AI
// events, per day, tool, team and user; distinct users exact), DLP findings from `dlp_hourly`.
// Every query is filtered on the org with parameters; nothing from the request is spliced in.

export interface ToolUsage {
  tool: string;
  firstSeen: string;
  lastSeen: string;
  users: number;
  events: number;
  blocked: number;
  warned: number;
  findings: number;
}

type Rows = Array<Record<string, string>>;

/** `{org, from, to}` plus the conditions every usage query starts with. */
function usageScope(orgId: string, range: DayRange, tools?: readonly string[]) {
  return {
    where: `org_id = {org:String} AND day >= {from:Date} AND day < {to:Date}
            ${tools ? 'AND tool IN {tools:Array(String)}' : ''}`,
    params: { org: orgId, from: range.from, to: range.to, ...(tools ? { tools } : {}) },
  };
}

async function rows(ch: ClickHouseClient, query: string, params: Record<string, unknown>): Promise<Rows> {
  return ch.query({ query, query_params: params, format: 'JSONEachRow' }).then((r) => r.json());
}

/** Per tool: first and last seen, distinct users, events, blocked, warned and DLP findings. */
export async function toolUsage(
  ch: ClickHouseClient,
  orgId: string,
  range: DayRange,
  tools?: readonly string[],
): Promise<ToolUsage[]> {
  const scope = usageScope(orgId, range, tools);
  const [usage, findings] = await Promise.all([
    rows(
      ch,
      `SELECT tool, min(first_seen) AS t_first, max(last_seen) AS t_last, uniqExact(user_email) AS t_users,
              sum(events) AS t_events, sum(blocked) AS t_blocked, sum(warned) AS t_warned
       FROM tool_usage_daily
       WHERE ${scope.where}
       GROUP BY tool
       ORDER BY t_events DESC, tool`,
      scope.params,
    ),
    toolFindings(ch, orgId, range, tools),
  ]);
  return usage.map((r) => ({
    tool: r.tool ?? '',
    firstSeen: toIsoMs(r.t_first ?? ''),
    lastSeen: toIsoMs(r.t_last ?? ''),
    users: Number(r.t_users),
    events: Number(r.t_events),
    blocked: Number(r.t_blocked),
    warned: Number(r.t_warned),
    findings: findings.get(r.tool ?? '') ?? 0,
  }));
}

/** DLP findings per tool over the range (`dlp_hourly`, whose hours lie inside the days). */
async function toolFindings(
  ch: ClickHouseClient,
  orgId: string,
  range: DayRange,
  tools?: readonly string[],
): Promise<Map<string, number>> {
  const found = await rows(
    ch,
    `SELECT tool, sum(matches) AS n FROM dlp_hourly
     WHERE org_id = {org:String} AND hour >= toDateTime({from:Date}, 'UTC') AND hour < toDateTime({to:Date}, 'UTC')
       ${tools ? 'AND tool IN {tools:Array(String)}' : ''}
     GROUP BY tool`,
    { org: orgId, from: range.from, to: range.to, ...(tools ? { tools } : {}) },
  );
  return new Map(found.map((r) => [r.tool ?? '', Number(r.n)]));
}

export interface InventoryTrendPoint {
  day: string;
  events: number;
  users: number;
  blocked: number;
  warned: number;
}

/** Events, distinct users, blocked and warned per day of the range (dense: a day without any is 0). */
export async function usageTrend(
  ch: ClickHouseClient,
  orgId: string,
  range: DayRange,
  tools?: readonly string[],
): Promise<InventoryTrendPoint[]> {
  const scope = usageScope(orgId, range, tools);
  const found = await rows(
    ch,
    `SELECT toString(day) AS d, sum(events) AS n_events, uniqExact(user_email) AS n_users,
            sum(blocked) AS n_blocked, sum(warned) AS n_warned
     FROM tool_usage_daily WHERE ${scope.where} GROUP BY day`,
    scope.params,
  );
  const byDay = new Map(found.map((r) => [r.d ?? '', r]));
  return daysOf(range).map((day) => {
    const r = byDay.get(day);
    return {
      day,
      events: Number(r?.n_events ?? 0),
      users: Number(r?.n_users ?? 0),
      blocked: Number(r?.n_blocked ?? 0),
      warned: Number(r?.n_warned ?? 0),
    };
  });
}

/** Distinct tools, distinct users and events over the range. */
export async function usageTotals(
  ch: ClickHouseClient,
  orgId: string,
  range: DayRange,
  tools?: readonly string[],
): Promise<{ tools: number; users: number; events: number }> {
  const scope = usageScope(orgId, range, tools);
  const [r] = await rows(
    ch,
    `SELECT uniqExact(tool) AS n_tools, uniqExact(user_email) AS n_users, sum(events) AS n_events
     FROM tool_usage_daily WHERE ${scope.where}`,
    scope.params,
  );
  return { tools: Number(r?.n_tools ?? 0), users: Number(r?.n_users ?? 0), events: Number(r?.n_events ?? 0) };
}

export interface ToolUser {
  user_email: string;
  team: string;
  events: number;
  lastSeen: string;
}

/** The tool's users by events (the team they were last seen in), at most `limit`. */
export async function toolUsers(
  ch: ClickHouseClient,
  orgId: string,
  range: DayRange,
  tool: string,
  limit = 100,
): Promise<ToolUser[]> {
  const scope = usageScope(orgId, range, [tool]);
  const found = await rows(
    ch,
    `SELECT user_email, argMax(team, last_seen) AS u_team, sum(events) AS u_events, max(last_seen) AS u_last
     FROM tool_usage_daily WHERE ${scope.where}
     GROUP BY user_email
     ORDER BY u_events DESC, user_email
     LIMIT {limit:UInt32}`,
    { ...scope.params, limit },
  );
  return found.map((r) => ({
    user_email: r.user_email ?? '',
    team: r.u_team ?? '',
    events: Number(r.u_events),
    lastSeen: toIsoMs(r.u_last ?? ''),
  }));
}

export interface UsageByPerson {
  user_email?: string;
  team: string;
  tools: Array<{ tool: string; events: number; lastSeen: string }>;
  events: number;
}

/**
 * Which tools each user (or team) used: the top `limit` users or teams by events, each with its
 * tools by events. A user's team is the one they were last seen in.
 */
export async function usageBy(
  ch: ClickHouseClient,
  orgId: string,
  range: DayRange,
  opts: { by: 'user' | 'team'; tool?: string | undefined; team?: string | undefined; limit: number },
): Promise<UsageByPerson[]> {
  const scope = usageScope(orgId, range, opts.tool ? [opts.tool] : undefined);
  const where = `${scope.where} ${opts.team ? 'AND team = {team:String}' : ''}`;
  const key = opts.by === 'user' ? 'user_email' : 'team';
  const found = await rows(
    ch,
    `SELECT ${key} AS k, tool, argMax(team, last_seen) AS k_team, sum(events) AS k_events,
            max(last_seen) AS k_last
     FROM tool_usage_daily
     WHERE ${where}
       AND ${key} IN (SELECT ${key} FROM tool_usage_daily WHERE ${where}
                      GROUP BY ${key} ORDER BY sum(events) DESC, ${key} LIMIT {limit:UInt32})
     GROUP BY k, tool`,
    { ...scope.params, team: opts.team ?? '', limit: opts.limit },
  );
  const out = new Map<string, UsageByPerson & { last: string }>();
  for (const r of found) {
    const k = r.k ?? '';
    const lastSeen = toIsoMs(r.k_last ?? '');
    let row = out.get(k);
    if (!row) {
      row = { ...(opts.by === 'user' ? { user_email: k } : {}), team: '', tools: [], events: 0, last: '' };
      out.set(k, row);
    }
    row.tools.push({ tool: r.tool ?? '', events: Number(r.k_events), lastSeen });
    row.events += Number(r.k_events);
    if (lastSeen > row.last) {
      row.last = lastSeen;
      row.team = opts.by === 'user' ? (r.k_team ?? '') : k;
    }
  }
  return [...out.values()]
    .sort((a, b) => b.events - a.events || (a.user_email ?? a.team).localeCompare(b.user_email ?? b.team))
    .map(({ last: _last, ...row }) => ({
      ...row,
      tools: row.tools.sort((a, b) => b.events - a.events || a.tool.localeCompare(b.tool)),
    }));
}
