import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TOPICS } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { StreamFullError } from '@kairro/stream';
import { authenticate } from '../authenticate.ts';
import { decide, type DecisionOutcome } from '../decide.ts';
import type { IngestDeps } from '../deps.ts';
import type { IngestMetrics } from '../metrics.ts';
import { EvaluateBody, EvaluateResponse, MAX_PROMPT_CHARS } from '../schemas.ts';

export function evaluateRoute(app: FastifyInstance, deps: IngestDeps, metrics: IngestMetrics): void {
  app.post<{ Body: EvaluateBody }>(
    '/v1/extension/evaluate',
    {
      // A prompt and a completion of MAX_PROMPT_CHARS, 4 UTF-8 bytes each, plus metadata.
      bodyLimit: MAX_PROMPT_CHARS * 8 + 65_536,
      schema: {
        summary: 'Decide on one prompt before it leaves the browser',
        tags: ['extension'],
        security: [{ bearer: [] }],
        body: EvaluateBody,
        response: { 200: EvaluateResponse, 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' } },
      },
    },
    async (req) => {
      const startedAt = deps.clock();
      const { claims, config } = await authenticate(req, deps);
      const { url, ...rest } = req.body;
      const outcome = decide(
        { ...rest, url: parseUrl(url) },
        { claims, config, eventId: deps.newEventId(), now: deps.now(), startedAt, clock: deps.clock },
      );
      await record(outcome, claims.orgId, deps, metrics, req);
      metrics.decided(outcome.decision.action);
      const { decision } = outcome;
      return {
        eventId: outcome.event.event_id,
        action: decision.action,
        riskLevel: decision.riskLevel,
        reasons: decision.reasons,
        alerts: decision.alerts.length,
        ...(decision.action === 'MASK' && decision.maskedPrompt !== undefined
          ? { maskedPrompt: decision.maskedPrompt, maskMapping: decision.maskMapping ?? {} }
          : {}),
        dlp: {
          ...outcome.dlp.summary,
          matches: outcome.dlp.matches.map(({ detector, ruleId, severity, start, end, snippet }) => ({
            detector,
            ruleId,
            severity,
            start,
            end,
            snippet,
          })),
        },
      };
    },
  );
}

/**
 * Publishes the event and its matches. The stream is local and on disk, so this is fast even when
 * Kafka is down; only when it is full are the records refused: the user still gets the decision
 * (a telemetry backlog must not block work), and the loss is counted and logged.
 */
async function record(
  outcome: DecisionOutcome,
  orgId: string,
  deps: IngestDeps,
  metrics: IngestMetrics,
  req: FastifyRequest,
): Promise<void> {
  try {
    // Both in the same turn: the disk stream writes them in one transaction and one flush.
    await Promise.all([
      deps.stream.publish(TOPICS.events, [{ key: orgId, value: outcome.event }]),
      outcome.matches.length > 0
        ? deps.stream.publish(
            TOPICS.dlpMatches,
            outcome.matches.map((m) => ({ key: orgId, value: m })),
          )
        : undefined,
    ]);
  } catch (error) {
    if (!(error instanceof StreamFullError)) throw error;
    metrics.dropped(1);
    req.log.error({ eventId: outcome.event.event_id, reason: error.message }, 'decision event dropped');
  }
}

function parseUrl(raw: string): URL {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // fall through
  }
  throw new ApiError(
    'VALIDATION_FAILED',
    `"url" must be an absolute http(s) URL, got ${JSON.stringify(raw.slice(0, 100))}`,
  );
}
