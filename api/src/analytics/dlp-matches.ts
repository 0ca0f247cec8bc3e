import type { ClickHouseClient } from '@clickhouse/client';

export interface DlpMatchView {
  detector: string;
  ruleId: string;
  severity: string;
  target: string;
  start: number;
  end: number;
  snippet: string;
}

/** The DLP findings of one of the org's events, in text order; undefined when the event is not the org's. */
export async function eventDlpMatches(
  ch: ClickHouseClient,
  orgId: string,
  eventId: string,
): Promise<DlpMatchView[] | undefined> {
  const params = { org: orgId, id: eventId };
  const [found] = await ch
    .query({
      query: 'SELECT 1 AS ok FROM events WHERE org_id = {org:String} AND event_id = {id:UUID} LIMIT 1',
      query_params: params,
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ ok: number }>());
  if (!found) return undefined;
  const rows = await ch
    .query({
      query: `
        SELECT detector, rule_id, severity, target, start, end, snippet
        FROM dlp_matches FINAL
        WHERE org_id = {org:String} AND event_id = {id:UUID}
        ORDER BY match_index`,
      query_params: params,
      format: 'JSONEachRow',
    })
    .then((r) =>
      r.json<{
        detector: string;
        rule_id: string;
        severity: string;
        target: string;
        start: number;
        end: number;
        snippet: string;
      }>(),
    );
  return rows.map((m) => ({
    detector: m.detector,
    ruleId: m.rule_id,
    severity: m.severity,
    target: m.target,
    start: Number(m.start),
    end: Number(m.end),
    snippet: m.snippet,
  }));
}
