import type { ClickHouseClient } from '@clickhouse/client';
import { chTime, toIsoMs, type TimeRange } from '../analytics/range.ts';
import { findingsFromTuples, type StoredContext, type StoredFinding } from './reconstruct.ts';

/**
 * The org's stored events in a range, grouped by everything a policy can look at in them: the
 * user, the tool and host, the input type and model, which TOKEN_LIMIT thresholds the prompt
 * passed, and the distinct (detector, severity, target) findings. Millions of events become a few
 * thousand evaluations. Every query filters on the org (from the session) and the range.
 */
export interface EventGroup extends StoredContext {
  findings: StoredFinding[];
  events: number;
  /** The newest event of the group. */
  sampleId: string;
  sampleAt: string;
}

/** The context columns 0004 added; older schemas simulate without them. */
const CONTEXT_COLUMNS = ['input_type', 'model', 'prompt_tokens'] as const;

export async function hasContextColumns(ch: ClickHouseClient): Promise<boolean> {
  const rows = await ch
    .query({
      query: `SELECT name FROM system.columns
              WHERE database = currentDatabase() AND table = 'events' AND name IN {names:Array(String)}`,
      query_params: { names: CONTEXT_COLUMNS },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ name: string }>());
  return rows.length === CONTEXT_COLUMNS.length;
}

const rangeWhere =
  "org_id = {org:String} AND occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}";
const rangeParams = (orgId: string, range: TimeRange) => ({
  org: orgId,
  from: chTime(range.from),
  to: chTime(range.to),
});

interface GroupRow {
  user: string;
  tool: string;
  host: string;
  input_type: string;
  model: string;
  prompt_tokens: string | number;
  findings: unknown[][];
  events: string | number;
  sample_id: string;
  sample_at: string;
}

/**
 * The groups, biggest first, at most `limit` of them, and whether there were more. The events'
 * `prompt_tokens` only matter through the thresholds they pass, so they are bucketed by them (one
 * bucket when no TOKEN_LIMIT rule applies) and the group keeps the largest count of its bucket.
 */
export async function eventGroups(
  ch: ClickHouseClient,
  orgId: string,
  range: TimeRange,
  opts: { limit: number; tokenThresholds: readonly number[]; contextColumns: boolean },
): Promise<{ groups: EventGroup[]; truncated: boolean }> {
  const ctx = opts.contextColumns;
  const rows = await ch
    .query({
      query: `
        SELECT e.user_email AS user, e.tool AS tool, e.url_host AS host,
               ${ctx ? 'e.input_type' : "''"} AS input_type,
               ${ctx ? 'e.model' : "''"} AS model,
               ${ctx ? 'arrayCount(x -> e.prompt_tokens > x, {thresholds:Array(UInt32)})' : '0'} AS token_bucket,
               ${ctx ? 'max(e.prompt_tokens)' : '0'} AS prompt_tokens,
               f.findings AS findings,
               count() AS events,
               argMax(e.event_id, e.occurred_at) AS sample_id,
               max(e.occurred_at) AS sample_at
        FROM (SELECT * FROM events FINAL WHERE ${rangeWhere}) AS e
        LEFT JOIN (
          SELECT event_id, arraySort(groupUniqArray((detector, severity, target))) AS findings
          FROM dlp_matches FINAL
          WHERE ${rangeWhere}
          GROUP BY event_id
        ) AS f ON f.event_id = e.event_id
        GROUP BY user, tool, host, input_type, model, token_bucket, findings
        ORDER BY events DESC, user, tool, host, input_type, model, token_bucket, toString(findings)
        LIMIT {limit:UInt32}`,
      query_params: {
        ...rangeParams(orgId, range),
        thresholds: opts.tokenThresholds,
        limit: opts.limit + 1,
      },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<GroupRow>());
  const truncated = rows.length > opts.limit;
  return {
    truncated,
    groups: rows.slice(0, opts.limit).map((r) => ({
      user: r.user,
      tool: r.tool,
      host: r.host,
      inputType: r.input_type,
      model: r.model,
      promptTokens: Number(r.prompt_tokens),
      findings: findingsFromTuples(r.findings),
      events: Number(r.events),
      sampleId: r.sample_id,
      sampleAt: toIsoMs(r.sample_at),
    })),
  };
}

/** All the org's events in the range (what `truncated` leaves out included). */
export async function countEvents(ch: ClickHouseClient, orgId: string, range: TimeRange): Promise<number> {
  const [row] = await ch
    .query({
      query: `SELECT count() AS n FROM events FINAL WHERE ${rangeWhere}`,
      query_params: rangeParams(orgId, range),
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ n: string }>());
  return Number(row?.n ?? 0);
}

/** The stored details of a few events: their exact token count and findings with positions. */
export async function sampleDetails(
  ch: ClickHouseClient,
  orgId: string,
  range: TimeRange,
  eventIds: readonly string[],
  contextColumns: boolean,
): Promise<Map<string, { promptTokens: number; findings: StoredFinding[] }>> {
  const out = new Map<string, { promptTokens: number; findings: StoredFinding[] }>();
  if (eventIds.length === 0) return out;
  const params = { ...rangeParams(orgId, range), ids: eventIds };
  const events = await ch
    .query({
      query: `SELECT toString(event_id) AS id, ${contextColumns ? 'prompt_tokens' : '0'} AS tokens
              FROM events FINAL WHERE ${rangeWhere} AND event_id IN {ids:Array(UUID)}`,
      query_params: params,
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ id: string; tokens: string | number }>());
  for (const e of events) out.set(e.id, { promptTokens: Number(e.tokens), findings: [] });
  const matches = await ch
    .query({
      query: `SELECT toString(event_id) AS id, detector, rule_id, severity, target, start, end
              FROM dlp_matches FINAL WHERE ${rangeWhere} AND event_id IN {ids:Array(UUID)}
              ORDER BY id, match_index`,
      query_params: params,
      format: 'JSONEachRow',
    })
    .then((r) =>
      r.json<{
        id: string;
        detector: string;
        rule_id: string;
        severity: string;
        target: string;
        start: number;
        end: number;
      }>(),
    );
  for (const m of matches) {
    const [finding] = findingsFromTuples([[m.detector, m.severity, m.target]]);
    if (finding) out.get(m.id)?.findings.push({ ...finding, start: m.start, end: m.end, ruleId: m.rule_id });
  }
  return out;
}
