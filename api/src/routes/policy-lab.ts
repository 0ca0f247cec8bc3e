import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ApiError } from '@kairro/http';
import { loadOrgConfigs, type OrgConfig } from '@kairro/postgres';
import { currentUser } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { policyToTry } from '../policy-lab/draft.ts';
import { explainPrompt, withPolicyActive } from '../policy-lab/explain.ts';
import { simulatePolicy } from '../policy-lab/simulate.ts';
import {
  ExplainBody,
  ExplainResponse,
  SimulateSavedBody,
  SimulateUnsavedBody,
  SimulationResponse,
} from './policy-lab-schemas.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorBody#' }]));
const common = { tags: ['policies'], security: [{ cookie: [] }] };
const DEFAULT_DAYS = 7;
/** A 262,144-character prompt is up to ~1 MB of UTF-8, more with JSON escapes. */
const EXPLAIN_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * The policy lab: simulate a policy over the org's stored events, and explain one prompt's decision.
 * Both read only (any role may use them), store nothing and write no event.
 */
export function policyLabRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const orgConfig = async (req: FastifyRequest): Promise<OrgConfig> => {
    const { orgId } = currentUser(req);
    const config = (await loadOrgConfigs(deps.sql, [orgId])).get(orgId);
    if (!config) throw new ApiError('NOT_FOUND', 'Your organisation no longer exists.');
    return config;
  };
  const onPatternError = (req: FastifyRequest) => (err: unknown) =>
    req.log.warn({ err }, 'policy lab: a pattern did not compile');
  /** Both simulate routes: the saved policy by id, or an unsaved body (edits of `policyId`). */
  const simulate = async (
    req: FastifyRequest,
    which: Parameters<typeof policyToTry>[2],
    days: number | undefined,
  ) => {
    const config = await orgConfig(req);
    return simulatePolicy({
      ch: deps.clickhouse.client,
      config,
      policy: await policyToTry(deps.sql, config, which),
      days: days ?? DEFAULT_DAYS,
      now: new Date(),
      onPatternError: onPatternError(req),
    });
  };

  app.post<{ Params: { id: string }; Body: SimulateSavedBody }>(
    '/v1/admin/policies/:id/simulate',
    {
      // Every field is optional, so a POST without a body simulates the default window.
      preValidation: async (req) => {
        req.body ??= {};
      },
      schema: {
        ...common,
        summary: 'What a saved policy would have changed over the last days of events (stores nothing)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: SimulateSavedBody,
        response: { 200: SimulationResponse, ...errors(400, 401, 404) },
      },
    },
    async (req) => simulate(req, { policyId: req.params.id }, req.body.days),
  );

  app.post<{ Body: SimulateUnsavedBody }>(
    '/v1/admin/policies/simulate',
    {
      schema: {
        ...common,
        summary: 'What an unsaved policy would have changed over the last days of events (stores nothing)',
        body: SimulateUnsavedBody,
        response: { 200: SimulationResponse, ...errors(400, 401, 404) },
      },
    },
    async (req) => simulate(req, req.body, req.body.days),
  );

  app.post<{ Body: ExplainBody }>(
    '/v1/admin/policies/explain',
    {
      bodyLimit: EXPLAIN_BODY_LIMIT,
      schema: {
        ...common,
        summary: 'The decision for a prompt, user and page, with the full rule trace (stores nothing)',
        body: ExplainBody,
        response: { 200: ExplainResponse, ...errors(400, 401, 404) },
      },
    },
    async (req) => {
      const config = await orgConfig(req);
      const { policyId, policy, url, ...rest } = req.body;
      const tried =
        policyId === undefined && policy === undefined
          ? undefined
          : await policyToTry(deps.sql, config, { policyId, policy });
      return explainPrompt(
        config,
        withPolicyActive(config.policies, tried),
        { ...rest, url: pageUrl(url) },
        { now: new Date(), onError: onPatternError(req) },
      );
    },
  );
}

function pageUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiError('VALIDATION_FAILED', `url: "${raw.slice(0, 100)}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ApiError('VALIDATION_FAILED', 'url: only http and https pages are evaluated.');
  return url;
}
