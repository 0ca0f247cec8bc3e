import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandler, registerHealthRoutes, type ReadinessCheck } from '@kairro/http';

/**
 * Pipelines serve no API, only health for orchestrators: `/healthz` and `/readyz` (ClickHouse and
 * the stream reachable).
 */
export function buildPipelinesHealthApp(checks: {
  clickhouse: ReadinessCheck;
  stream: ReadinessCheck;
}): FastifyInstance {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  registerHealthRoutes(app, checks);
  return app;
}
