import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

export type ReadinessCheck = () => Promise<boolean>;

/**
 * `/healthz`: the process is alive. `/readyz`: every dependency answers (503 naming the ones that
 * do not), so a load balancer stops routing to a process whose stores or stream are gone.
 */
export function registerHealthRoutes(app: FastifyInstance, checks: Record<string, ReadinessCheck>): void {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        const ok = await check().catch(() => false);
        return [name, ok ? 'ok' : 'unavailable'] as const;
      }),
    );
    const body = Object.fromEntries(results);
    const ready = results.every(([, s]) => s === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks: body });
  });
}
