/**
 * Records that flow from ingest through the stream into ClickHouse. Field names match the
 * ClickHouse columns (snake_case) so the writer inserts them as they are. Snippets are redacted and
 * truncated before a record is built: a record never holds a raw secret.
 */
import type { Action, Severity } from '../policy/types.ts';

export type RiskLevel = Severity | 'NONE';

/** One evaluation decision. Topic `kairro.events`, key `org_id`. */
export interface EventRecord {
  event_id: string; // UUIDv7
  org_id: string;
  /** ISO-8601 UTC with milliseconds, e.g. 2026-11-22T10:00:00.000Z */
  occurred_at: string;
  endpoint_id: string;
  user_email: string;
  tool: string; // e.g. chatgpt, claude, or the url host when unknown
  url_host: string;
  action: Action;
  risk_level: RiskLevel;
  match_count: number;
  detectors: string[]; // distinct detector types found
  /** Redacted, truncated to 256 chars; '' unless the org stores prompts. */
  prompt_snippet: string;
  reasons: string[];
  policy_ids: string[];
  latency_ms: number;
}

/** One DLP finding of an event. Topic `kairro.dlp-matches`, key `org_id`. */
export interface DlpMatchRecord {
  event_id: string;
  org_id: string;
  occurred_at: string;
  match_index: number;
  detector: string;
  rule_id: string;
  severity: Severity;
  target: 'prompt' | 'response';
  start: number;
  end: number;
  /** Redacted snippet with a little context; never the raw value. */
  snippet: string;
}

export const TOPICS = {
  events: 'kairro.events',
  dlpMatches: 'kairro.dlp-matches',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];
