import type { ClickHouseClient } from '@clickhouse/client';
import { toIsoMs } from './range.ts';

/** "Send anyway" on a WARN decision, as the event drill-down shows it. */
export interface WarnOverrideView {
  /** DLP-redacted by ingest, at most 500 characters. */
  justification: string;
  occurredAt: string;
  userEmail: string;
}

/**
 * The override of one of the org's events, or null. The earliest row wins: ingest accepts any event
 * id, and the writer keeps one row per (org, event), but a repeat that slipped past it (a retry more
 * than 8 days later) must not replace what the employee first wrote.
 */
export async function eventWarnOverride(
  ch: ClickHouseClient,
  orgId: string,
  eventId: string,
): Promise<WarnOverrideView | null> {
  const [row] = await ch
    .query({
      query: `
        SELECT justification, occurred_at, user_email
        FROM warn_overrides
        WHERE org_id = {org:String} AND event_id = {id:UUID}
        ORDER BY occurred_at, inserted_at
        LIMIT 1`,
      query_params: { org: orgId, id: eventId },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ justification: string; occurred_at: string; user_email: string }>());
  return row
    ? { justification: row.justification, occurredAt: toIsoMs(row.occurred_at), userEmail: row.user_email }
    : null;
}
