import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  closeConnectionsOnShutdown,
  installErrorHandler,
  registerHealthRoutes,
  registerOpenApi,
} from '@kairro/http';
import { requireSession } from './auth/session.ts';
import { serveConsole } from './console-static.ts';
import type { ApiDeps } from './deps.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { detectorRoutes } from './routes/detectors.ts';
import { dlpSettingsRoutes } from './routes/dlp-settings.ts';
import { eventRoutes } from './routes/events.ts';
import { liveRoutes } from './routes/live.ts';
import { policyLabRoutes } from './routes/policy-lab.ts';
import { policyRoutes } from './routes/policies.ts';
import { retentionRoutes } from './routes/retention.ts';
import { sqlRoutes } from './routes/sql.ts';
import { teamRoutes } from './routes/teams.ts';
import { shadowAiCatalogRoutes } from './routes/shadow-ai-catalog.ts';
import { shadowAiUsageRoutes } from './routes/shadow-ai-usage.ts';
import { toolRoutes } from './routes/tools.ts';

const PUBLIC_ADMIN_PATHS = new Set(['/v1/admin/auth/login', '/v1/admin/auth/logout']);

/** The admin API (`/v1/admin/*`) and the console it serves on the same origin. */
export async function buildApiApp(
  deps: ApiDeps,
  opts: { logger?: FastifyBaseLogger } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true } },
  });
  await app.register(cookie);
  // Only routes that opt in (login) are limited; see routes/auth.ts.
  await app.register(rateLimit, { global: false });
  // Bounded frames: clients only ever send a small filter message.
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  await registerOpenApi(app, {
    title: 'Kairro admin API',
    description:
      'Admin API: sessions, events, analytics, detectors and DLP settings, scoped to the signed-in user’s org.',
    version: '0.1.0',
  });
  installErrorHandler(app);
  closeConnectionsOnShutdown(app);
  requireSession(app, deps.sql, PUBLIC_ADMIN_PATHS);
  registerHealthRoutes(app, {
    postgres: async () => (await deps.sql`select 1 as ok`).length === 1,
    clickhouse: () => deps.clickhouse.ping(),
  });
  authRoutes(app, deps);
  eventRoutes(app, deps);
  analyticsRoutes(app, deps);
  detectorRoutes(app, deps);
  dlpSettingsRoutes(app, deps);
  sqlRoutes(app, deps);
  retentionRoutes(app, deps);
  policyLabRoutes(app, deps);
  policyRoutes(app, deps);
  toolRoutes(app, deps);
  shadowAiCatalogRoutes(app, deps);
  shadowAiUsageRoutes(app, deps);
  teamRoutes(app, deps);
  auditRoutes(app, deps);
  if (deps.live) liveRoutes(app, deps.live);
  await serveConsole(app, deps.consoleDir);
  return app;
}
