import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandler, registerHealthRoutes, registerOpenApi } from '@kairro/http';
import type { IngestDeps } from './deps.ts';
import { evaluateRoute } from './routes/evaluate.ts';
import { registerRoute } from './routes/register.ts';

/** The extension-facing API. Decides inline from in-memory config; never queries ClickHouse. */
export async function buildIngestApp(
  deps: IngestDeps,
  opts: { logger?: boolean | object } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Never log bodies or the Authorization header: prompts and tokens are secrets.
    disableRequestLogging: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  await registerOpenApi(app, {
    title: 'Kairro ingest API',
    description: 'Extension-facing API: register endpoints and evaluate prompts inline.',
    version: '0.1.0',
  });
  installErrorHandler(app);
  registerHealthRoutes(app, {
    postgres: async () => (await deps.sql`select 1 as ok`).length === 1,
    stream: () => deps.stream.ready(),
  });
  registerRoute(app, deps);
  evaluateRoute(app, deps);
  return app;
}
