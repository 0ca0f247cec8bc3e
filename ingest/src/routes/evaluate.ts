import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TOPICS } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { StreamFullError } from '@kairro/stream';
import { decide } from '../decide.ts';
import type { IngestDeps } from '../deps.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { EndpointClaims } from '../tokens.ts';
import { EvaluateBody, EvaluateResponse, MAX_PROMPT_CHARS } from '../schemas.ts';

export function evaluateRoute(app: FastifyInstance, deps: IngestDeps, metrics: IngestMetrics): void {
  app.post<{ Body: EvaluateBody }>(
    '/v1/extension/evaluate',
    {
      bodyLimit: MAX_PROMPT_CHARS * 4 + 16_384,
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
      const claims = await authenticate(req, deps);
      const config = deps.configs.get(claims.orgId);
      if (!config)
        throw new ApiError(
          'INVALID_TOKEN',
          'The organisation of this token no longer exists. Register again.',
        );
      const url = parseUrl(req.body.url);
      const outcome = decide(
        { url, prompt: req.body.prompt },
        { claims, config, eventId: deps.newEventId(), now: deps.now(), startedAt, clock: deps.clock },
      );
      await record(outcome, claims.orgId, deps, metrics, req);
      metrics.decided(outcome.decision.action);
      return {
        eventId: outcome.event.event_id,
        action: outcome.decision.action,
        riskLevel: outcome.decision.riskLevel,
        reasons: outcome.decision.reasons,
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
  outcome: ReturnType<typeof decide>,
  orgId: string,
  deps: IngestDeps,
  metrics: IngestMetrics,
  req: FastifyRequest,
): Promise<void> {
  try {
    await deps.stream.publish(TOPICS.events, [{ key: orgId, value: outcome.event }]);
    if (outcome.matches.length > 0)
      await deps.stream.publish(
        TOPICS.dlpMatches,
        outcome.matches.map((m) => ({ key: orgId, value: m })),
      );
  } catch (error) {
    if (!(error instanceof StreamFullError)) throw error;
    metrics.dropped(1);
    req.log.error({ eventId: outcome.event.event_id, reason: error.message }, 'decision event dropped');
  }
}

async function authenticate(req: FastifyRequest, deps: IngestDeps): Promise<EndpointClaims> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    throw new ApiError('INVALID_TOKEN', 'Missing "Authorization: Bearer <token>"; register first.');
  const claims = await deps.tokens.verify(match[1]);
  if (!claims) throw new ApiError('INVALID_TOKEN', 'The token is invalid or expired; register again.');
  return claims;
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
