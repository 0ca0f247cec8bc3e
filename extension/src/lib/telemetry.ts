/**
 * What the background worker reports to ingest besides evaluations, as ingest's contract has it:
 * shadow-AI sightings (`POST /v1/extension/shadow-event`) and WARN overrides
 * (`POST /v1/extension/warn-override`), and the one POST both go through. Nothing here holds
 * prompt text, and URLs are cut to origin and path before anything is queued or sent.
 */
import type { ShadowSighting, WarnOverride } from './messages.ts';
import { WARN_OVERRIDE_MAX_CHARS } from './messages.ts';
import { fetchFailure, parseError, readJson } from './register.ts';

export const SHADOW_EVENT_PATH = '/v1/extension/shadow-event';
export const WARN_OVERRIDE_PATH = '/v1/extension/warn-override';
/** Ingest accepts 1..50 sightings per request. */
export const MAX_EVENTS_PER_REQUEST = 50;
export const MAX_DETAIL_CHARS = 200;
export const MAX_URL_CHARS = 2048;
/**
 * Ingest refuses sightings older than 7 days (400, for the whole batch); an hour less leaves room
 * for a clock that is off. Older ones are dropped here instead, so fresh ones still go through.
 */
export const MAX_SIGHTING_AGE_MS = 7 * 24 * 3600_000 - 3600_000;

/** One sighting as ingest takes it. */
export interface ShadowEvent {
  /** Generated here, so a retried batch is recognised by the backend rather than counted twice. */
  id: string;
  /** Origin and path only: query strings and fragments can carry search terms or conversation ids. */
  url: string;
  signal: ShadowSighting['signal'];
  appliedAction: ShadowSighting['appliedAction'];
  occurredAt: string;
  detail?: string;
}

/** A record the queue holds; `id` identifies it until it is sent. */
export type TelemetryRecord =
  | { kind: 'shadow-event'; id: string; event: ShadowEvent }
  | { kind: 'warn-override'; id: string; override: WarnOverride };

/** Origin + path, or null for a URL that is not http(s) (nothing worth reporting). */
export function originAndPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return `${parsed.origin}${parsed.pathname}`.slice(0, MAX_URL_CHARS);
}

export function shadowEventRecord(sighting: ShadowSighting, at: Date): TelemetryRecord | null {
  const url = originAndPath(sighting.url);
  if (url === null) return null;
  const id = crypto.randomUUID();
  const event: ShadowEvent = {
    id,
    url,
    signal: sighting.signal,
    appliedAction: sighting.appliedAction,
    occurredAt: at.toISOString(),
  };
  const detail = sighting.detail?.trim().slice(0, MAX_DETAIL_CHARS);
  if (detail) event.detail = detail;
  return { kind: 'shadow-event', id, event };
}

export function warnOverrideRecord(override: WarnOverride): TelemetryRecord | null {
  const justification = override.justification.trim().slice(0, WARN_OVERRIDE_MAX_CHARS);
  if (override.eventId === '' || justification === '') return null;
  return {
    kind: 'warn-override',
    id: crypto.randomUUID(),
    override: { eventId: override.eventId, justification },
  };
}

export type TelemetryPost =
  | { kind: 'accepted' }
  /** 401 or 403: register again, then retry. */
  | { kind: 'refused'; code: string; message: string }
  /** Another 4xx: this record will never be taken; drop it so it cannot wedge the queue. */
  | { kind: 'rejected'; code: string; message: string }
  /**
   * Network error, timeout, 429 or 5xx: keep it and retry later, not before `retryAfterMs` when the
   * backend said when (ingest's 503 for a full stream sends `Retry-After`).
   */
  | { kind: 'failed'; code: string; message: string; retryAfterMs?: number };

export async function postTelemetry(
  req: { backendUrl: string; token: string; path: string; body: unknown },
  opts: { fetch: typeof fetch; timeoutMs: number },
): Promise<TelemetryPost> {
  let res: Response;
  try {
    res = await opts.fetch(`${req.backendUrl}${req.path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${req.token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    return { kind: 'failed', ...fetchFailure(err, req.backendUrl) };
  }
  const payload = await readJson(res);
  if (res.ok) return { kind: 'accepted' };
  const error = parseError(payload);
  const code = error?.code ?? `HTTP_${res.status}`;
  const message = error?.message ?? `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) return { kind: 'refused', code, message };
  if (res.status >= 400 && res.status < 500 && res.status !== 429) return { kind: 'rejected', code, message };
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
  return {
    kind: 'failed',
    code,
    message: `${req.path} answered HTTP ${res.status}: ${message}`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/** `Retry-After` as milliseconds from `nowMs`: delay-seconds or an HTTP date; undefined otherwise. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Whether ingest would still take this record at `now` (only sightings age out). */
export function isFresh(record: TelemetryRecord, now: Date): boolean {
  if (record.kind !== 'shadow-event') return true;
  return now.getTime() - Date.parse(record.event.occurredAt) < MAX_SIGHTING_AGE_MS;
}

/** The next request to make: the head record's kind, and for sightings up to 50 of them in order. */
export function nextBatch(records: readonly TelemetryRecord[]): {
  path: string;
  body: unknown;
  ids: string[];
} | null {
  const head = records[0];
  if (!head) return null;
  if (head.kind === 'warn-override') {
    return { path: WARN_OVERRIDE_PATH, body: head.override, ids: [head.id] };
  }
  const events = records
    .filter((r): r is Extract<TelemetryRecord, { kind: 'shadow-event' }> => r.kind === 'shadow-event')
    .slice(0, MAX_EVENTS_PER_REQUEST);
  return {
    path: SHADOW_EVENT_PATH,
    body: { events: events.map((r) => r.event) },
    ids: events.map((r) => r.id),
  };
}
