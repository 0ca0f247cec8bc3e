import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  closeConnectionsOnShutdown,
  installErrorHandler,
  registerHealthRoutes,
  registerOpenApi,
} from '@kairro/http';
import { createDecider } from './decider.ts';
import type { IngestDeps } from './deps.ts';
import { registerMetrics } from './metrics.ts';
import { evaluateRoute } from './routes/evaluate.ts';
import { policyRoute } from './routes/policy.ts';
import { registerRoute } from './routes/register.ts';
import { shadowEventRoute } from './routes/shadow-event.ts';
import { warnOverrideRoute } from './routes/warn-override.ts';

/** The extension-facing API. Decides inline from in-memory config; never queries ClickHouse. */
export async function buildIngestApp(
  deps: IngestDeps,
  opts: { logger?: FastifyBaseLogger } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    // The hot path: a log line per decision would cost more than the decision. Errors still log.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  await registerOpenApi(app, {
    title: 'Kairro ingest API',
    description:
      'Extension-facing API: register endpoints, fetch the tool policy, evaluate prompts inline, ' +
      'report AI tool sightings and WARN overrides.',
    version: '0.1.0',
  });
  // Only the telemetry routes opt in (telemetry-route.ts); evaluate is never limited.
  await app.register(rateLimit, { global: false });
  installErrorHandler(app);
  closeConnectionsOnShutdown(app);
  registerHealthRoutes(app, {
    postgres: async () => (await deps.sql`select 1 as ok`).length === 1,
    stream: () => deps.stream.ready(),
  });
  const metrics = registerMetrics(app, deps.streamBacklog);
  const decider = createDecider(deps.decisionThreads ?? 0, (err) =>
    app.log.error({ err }, 'decision thread failed'),
  );
  app.addHook('onClose', () => decider.close());
  registerRoute(app, deps);
  policyRoute(app, deps);
  evaluateRoute(app, deps, decider, metrics);
  shadowEventRoute(app, deps, metrics);
  warnOverrideRoute(app, deps, metrics);
  return app;
}
