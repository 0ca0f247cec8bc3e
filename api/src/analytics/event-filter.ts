import { chTime, resolveOpenRange, type RangeInput } from './range.ts';

/** The filters of an event view (list and exports), as the routes validated them. */
export interface EventFilterInput extends UsageFilterInput {
  /** Comma-separated risk levels, e.g. `HIGH,CRITICAL`. */
  severity?: string | undefined;
  detector?: string | undefined;
  /** Case-insensitive substring of the redacted prompt or match snippets. */
  q?: string | undefined;
}

export interface SqlFilter {
  /** `WHERE` conditions over `events`, joined by AND; every value is a `{name:Type}` parameter. */
  where: string;
  params: Record<string, unknown>;
}

/**
 * Builds the parameterised conditions for the org's events. Nothing from the request is ever
 * spliced into the SQL text: only fixed fragments are chosen by which filters are present.
 */
export function eventFilterSql(orgId: string, input: EventFilterInput, now: Date): SqlFilter {
  const { conditions, params, timeConditions } = usageConditions(orgId, input, now);
  if (input.severity) {
    conditions.push('risk_level IN {severities:Array(String)}');
    params.severities = splitList(input.severity);
  }
  if (input.detector) {
    conditions.push('has(detectors, {detector:String})');
    params.detector = input.detector;
  }
  if (input.q) {
    // The prompt snippet exists only at REDACTED_PROMPT; match snippets at the default level too.
    conditions.push(`(positionCaseInsensitiveUTF8(prompt_snippet, {q:String}) > 0
      OR event_id IN (
        SELECT event_id FROM dlp_matches
        WHERE org_id = {org:String} ${timeConditions.map((c) => `AND ${c}`).join(' ')}
          AND positionCaseInsensitiveUTF8(snippet, {q:String}) > 0))`);
    params.q = input.q;
  }
  return { where: conditions.join('\n  AND '), params };
}

/** The filters every usage table (`events`, `shadow_ai_events`) has: org, time, action, tool, who. */
export interface UsageFilterInput extends RangeInput {
  /** Comma-separated actions, e.g. `BLOCK,WARN`. */
  action?: string | undefined;
  tool?: string | undefined;
  user?: string | undefined;
  team?: string | undefined;
}

/**
 * The conditions of those filters, the org's first, for a caller to add its own to; the time
 * conditions are also returned apart, for a subquery over another table of the same range.
 */
export function usageConditions(
  orgId: string,
  input: UsageFilterInput,
  now: Date,
): { conditions: string[]; params: Record<string, unknown>; timeConditions: string[] } {
  const { from, to } = resolveOpenRange(input, now);
  const conditions = ['org_id = {org:String}'];
  const params: Record<string, unknown> = { org: orgId };
  const timeConditions: string[] = [];
  if (from) {
    timeConditions.push("occurred_at >= {from:DateTime64(3, 'UTC')}");
    params.from = chTime(from);
  }
  if (to) {
    timeConditions.push("occurred_at < {to:DateTime64(3, 'UTC')}");
    params.to = chTime(to);
  }
  conditions.push(...timeConditions);
  if (input.action) {
    conditions.push('action IN {actions:Array(String)}');
    params.actions = splitList(input.action);
  }
  if (input.tool) {
    conditions.push('tool = {tool:String}');
    params.tool = input.tool;
  }
  if (input.user) {
    conditions.push('lower(user_email) = lower({user:String})');
    params.user = input.user;
  }
  if (input.team) {
    conditions.push('team = {team:String}');
    params.team = input.team;
  }
  return { conditions, params, timeConditions };
}

/** A comma-separated filter value as its distinct non-empty items. */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    ),
  ];
}
