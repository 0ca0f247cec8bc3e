import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built console on the API's origin (so the session cookie just works) with SPA fallback:
 * any GET that is not an API, docs or health path answers index.html and the client router takes over.
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
  await app.register(fastifyStatic, { root: dir, wildcard: false, index: ['index.html'] });
  app.get('/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const file = join(dir, path);
    if (!path.includes('..') && existsSync(file) && !file.endsWith('/')) return reply.sendFile(path.slice(1));
    return reply.type('text/html').sendFile('index.html');
  });
}
