import type { FastifyInstance } from 'fastify';

/**
 * On close, Node ends the idle keep-alive sockets, but a socket whose request is still in flight goes
 * idle afterwards and would hold shutdown for the whole keep-alive timeout (72 s by default). Once
 * closing, every response asks the client to drop its connection, so the server stops promptly
 * without cutting off requests it already accepted.
 */
export function closeConnectionsOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Callback style: an async hook costs a promise on every response, on the hot path.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}
