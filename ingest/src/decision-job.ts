import type { Action } from '@kairro/core';
import { decide } from './decide.ts';
import type { IngestOrgConfig } from './org-config.ts';
import type { EvaluateBody, EvaluateResponse } from './schemas.ts';
import type { EndpointClaims } from './tokens.ts';

/**
 * One evaluation as it crosses to a decision thread: plain data only (structured clone), so the
 * same job runs on the event loop or on a worker thread with the same result.
 */
export interface DecisionJob {
  claims: EndpointClaims;
  body: EvaluateBody;
  eventId: string;
  /** Epoch milliseconds: the decision's timestamp (and the license check's "now"). */
  now: number;
  /** `preciseNow()` when the request arrived, for the event's latency. */
  startedAt: number;
}

/** What the route needs back: the response, and the records already serialised for the stream. */
export type DecisionReply =
  | {
      ok: true;
      action: Action;
      response: EvaluateResponse;
      /** The event record as JSON text, published as is. */
      event: string;
      /** One JSON text per DLP match record. */
      matches: string[];
      /** The shadow-AI record as JSON text, on a tool the org did not approve. */
      shadow?: string;
    }
  | { ok: false; invalid: string };

/**
 * Wall-clock milliseconds with sub-millisecond precision, comparable across threads (each thread's
 * `performance.now()` counts from its own start).
 */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/** Scans, decides and builds the response and the records. Pure apart from the clock. */
export function runDecisionJob(job: DecisionJob, config: IngestOrgConfig): DecisionReply {
  const { url: rawUrl, ...rest } = job.body;
  const url = httpUrl(rawUrl);
  if (url === null)
    return {
      ok: false,
      invalid: `"url" must be an absolute http(s) URL, got ${JSON.stringify(rawUrl.slice(0, 100))}`,
    };
  const outcome = decide(
    { ...rest, url },
    {
      claims: job.claims,
      config,
      eventId: job.eventId,
      now: new Date(job.now),
      startedAt: job.startedAt,
      clock: preciseNow,
    },
  );
  const { decision, dlp } = outcome;
  const response: EvaluateResponse = {
    eventId: job.eventId,
    action: decision.action,
    riskLevel: decision.riskLevel,
    reasons: decision.reasons,
    alerts: decision.alerts.length,
    ...(decision.action === 'MASK' && decision.maskedPrompt !== undefined
      ? { maskedPrompt: decision.maskedPrompt, maskMapping: decision.maskMapping ?? {} }
      : {}),
    dlp: {
      ...dlp.summary,
      matches: dlp.matches.map(({ detector, ruleId, severity, start, end, snippet }) => ({
        detector,
        ruleId,
        severity,
        start,
        end,
        snippet,
      })),
    },
  };
  return {
    ok: true,
    action: decision.action,
    response,
    event: JSON.stringify(outcome.event),
    matches: outcome.matches.map((m) => JSON.stringify(m)),
    ...(outcome.shadow ? { shadow: JSON.stringify(outcome.shadow) } : {}),
  };
}

function httpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}
