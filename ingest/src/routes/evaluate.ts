import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TOPICS } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { StreamFullError } from '@kairro/stream';
import { authenticate } from '../authenticate.ts';
import type { Decider } from '../decider.ts';
import { preciseNow, type DecisionJob, type DecisionReply } from '../decision-job.ts';
import type { IngestDeps } from '../deps.ts';
import type { IngestMetrics } from '../metrics.ts';
import { EvaluateBody, EvaluateResponse, MAX_PROMPT_CHARS } from '../schemas.ts';

export function evaluateRoute(
  app: FastifyInstance,
  deps: IngestDeps,
  decider: Decider,
  metrics: IngestMetrics,
): void {
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
      const startedAt = preciseNow();
      const { claims, config } = await authenticate(req, deps);
      const job: DecisionJob = {
        claims,
        body: req.body,
        eventId: deps.newEventId(),
        now: deps.now().getTime(),
        startedAt,
      };
      const reply = await decider.decide(job, config);
      if (!reply.ok) throw new ApiError('VALIDATION_FAILED', reply.invalid);
      await record(reply, claims.orgId, deps, metrics, req);
      metrics.decided(reply.action);
      return reply.response;
    },
  );
}

/**
 * Publishes the event, its matches and, on a tool the org did not approve, its shadow-AI record.
 * The stream is local and on disk, so this is fast even when Kafka is down; only when it is full
 * are the records refused: the user still gets the decision (a telemetry backlog must not block
 * work), and the loss is counted and logged.
 */
async function record(
  decided: Extract<DecisionReply, { ok: true }>,
  orgId: string,
  deps: IngestDeps,
  metrics: IngestMetrics,
  req: FastifyRequest,
): Promise<void> {
  try {
    // All in the same turn: the disk stream writes them in one transaction and one flush.
    await Promise.all([
      deps.stream.publish(TOPICS.events, [{ key: orgId, json: decided.event }]),
      decided.matches.length > 0
        ? deps.stream.publish(
            TOPICS.dlpMatches,
            decided.matches.map((json) => ({ key: orgId, json })),
          )
        : undefined,
      decided.shadow !== undefined
        ? deps.stream.publish(TOPICS.shadowAiEvents, [{ key: orgId, json: decided.shadow }])
        : undefined,
    ]);
  } catch (error) {
    if (!(error instanceof StreamFullError)) throw error;
    metrics.dropped(1);
    req.log.error({ eventId: decided.response.eventId, reason: error.message }, 'decision event dropped');
  }
}
