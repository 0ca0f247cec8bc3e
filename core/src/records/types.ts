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
  /** The employee's team name; '' when the identity has none. Absent in records of older ingest
   * versions still in the stream: ClickHouse then writes the column default. */
  team?: string;
  tool: string; // e.g. chatgpt, claude, or the url host when unknown
  url_host: string;
  /** How the prompt reached the page (`typed`, `paste`, `file`); '' when the extension did not say.
   * This and the next three are absent in records of older ingest versions: column defaults. */
  input_type?: string;
  /** The model the page uses, as the extension reported it; '' when unknown. */
  model?: string;
  /** Estimated prompt length in tokens (characters ÷ 4, rounded up). */
  prompt_tokens?: number;
  action: Action;
  risk_level: RiskLevel;
  match_count: number;
  detectors: string[]; // distinct detector types found
  /** Redacted, truncated to 256 chars; '' unless the org stores prompts. */
  prompt_snippet: string;
  reasons: string[];
  policy_ids: string[];
  /** The reasons of the ALERT rules that fired (the SOC is notified; the action is unchanged). */
  alerts?: string[];
  latency_ms: number;
  /** The org's retention when the record was made; ClickHouse's TTL drops the row after it
   * (absent: the column default, 400 days). */
  retention_days?: number;
}

/** One DLP finding of an event. Topic `kairro.dlp-matches`, key `org_id`. */
export interface DlpMatchRecord {
  event_id: string;
  org_id: string;
  occurred_at: string;
  /** The event's context, copied so DLP aggregates need no join (absent from older ingest). */
  user_email?: string;
  team?: string;
  tool?: string;
  action?: Action;
  match_index: number;
  detector: string;
  rule_id: string;
  severity: Severity;
  target: 'prompt' | 'response';
  start: number;
  end: number;
  /** Redacted snippet with a little context; never the raw value. */
  snippet: string;
  retention_days?: number;
}

/** Where a shadow-AI event was seen. */
export type ShadowAiSource = 'extension' | 'dlp' | 'heuristic';

/**
 * Use of an AI tool seen outside a prompt evaluation (a visit, an upload, a network heuristic).
 * Topic `kairro.shadow-ai-events`, key `org_id`; table `shadow_ai_events`.
 */
export interface ShadowAiEventRecord {
  event_id: string; // UUIDv7
  org_id: string;
  occurred_at: string;
  endpoint_id: string;
  user_email: string;
  team: string;
  tool: string;
  url_host: string;
  /** Catalog category of the tool, e.g. chat, code, image; '' when unknown. */
  category: string;
  action: Action;
  severity: RiskLevel;
  source: ShadowAiSource;
  /** Short, redacted description; never page content. */
  detail: string;
  retention_days: number;
}

/**
 * An employee chose "Send anyway" on a WARN decision. Topic `kairro.warn-overrides`, key `org_id`;
 * table `warn_overrides`, one row per overridden event. Ingest cannot see ClickHouse, so `event_id`
 * is whatever the endpoint sent: it can only name (or invent) events of its own org.
 */
export interface WarnOverrideRecord {
  /** The WARN decision's event id, as evaluate answered it. */
  event_id: string;
  org_id: string;
  /** When the override reached ingest (ISO-8601 UTC with milliseconds). */
  occurred_at: string;
  endpoint_id: string;
  user_email: string;
  team: string;
  /** The employee's reason, redacted with the org's DLP and truncated to 500 characters. */
  justification: string;
  retention_days: number;
}

/** Retention when an org never set one (days). */
export const DEFAULT_RETENTION_DAYS = 400;

export const TOPICS = {
  events: 'kairro.events',
  dlpMatches: 'kairro.dlp-matches',
  shadowAiEvents: 'kairro.shadow-ai-events',
  warnOverrides: 'kairro.warn-overrides',
  /** Records the ClickHouse writer could not write, with the reason (see pipelines). */
  deadLetters: 'kairro.dead-letters',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];
