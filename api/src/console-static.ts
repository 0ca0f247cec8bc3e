import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built console on the API's origin (so the session cookie just works) with SPA fallback:
 * any other GET answers index.html and the client router takes over.
 */
export async function serveConsole(app: FastifyInstance, dir: string | undefined): Promise<void> {
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    app.get('/', async (_req, reply) =>
      reply
        .code(503)
        .type('text/plain')
        .send(
          'The console is not built. Run `npm run build -w @kairro/console` (npm start does it for you).',
        ),
    );
    return;
  }
  // `wildcard: false` registers one route per built file; everything else is a client-side route,
  // except API and docs paths, which must keep answering JSON 404s.
  await app.register(fastifyStatic, { root: dir, wildcard: false, index: ['index.html'] });
  app.get('/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (path.startsWith('/v1/') || path.startsWith('/docs')) return reply.callNotFound();
    return reply.type('text/html').sendFile('index.html');
  });
}
