import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TOPICS } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { decide } from '../decide.ts';
import type { IngestDeps } from '../deps.ts';
import type { EndpointClaims } from '../tokens.ts';
import { EvaluateBody, EvaluateResponse, MAX_PROMPT_CHARS } from '../schemas.ts';

export function evaluateRoute(app: FastifyInstance, deps: IngestDeps): void {
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
      await deps.stream.publish(TOPICS.events, [{ key: claims.orgId, value: outcome.event }]);
      if (outcome.matches.length > 0) {
        await deps.stream.publish(
          TOPICS.dlpMatches,
          outcome.matches.map((m) => ({ key: claims.orgId, value: m })),
        );
      }
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
