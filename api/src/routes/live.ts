import type { FastifyInstance } from 'fastify';
import { ACTIONS } from '@kairro/core';
import { currentUser } from '../auth/session.ts';
import type { LiveHub } from '../live/hub.ts';

/** The one message a client sends: which actions it wants (none = all). */
function parseFilter(raw: string): string[] | null | undefined {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!message || typeof message !== 'object' || (message as { type?: unknown }).type !== 'filter')
    return undefined;
  const actions = (message as { actions?: unknown }).actions;
  if (actions === undefined || actions === null) return null;
  if (!Array.isArray(actions) || !actions.every((a) => (ACTIONS as readonly unknown[]).includes(a)))
    return undefined;
  return actions as string[];
}

/**
 * `GET /v1/admin/live` (WebSocket): the signed-in org's new decisions and per-second counters.
 * The session cookie authenticates the upgrade like any admin request. A client may send
 * `{"type":"filter","actions":["BLOCK"]}`; anything else is answered with an error message.
 */
export function liveRoutes(app: FastifyInstance, hub: LiveHub): void {
  app.get('/v1/admin/live', { websocket: true, schema: { hide: true } }, (socket, req) => {
    const { orgId } = currentUser(req);
    const client = hub.attach(orgId, socket);
    socket.on('message', (data: Buffer) => {
      const actions = parseFilter(data.toString('utf8').slice(0, 4_096));
      if (actions === undefined) {
        socket.send(
          JSON.stringify({
            type: 'error',
            message: `Send {"type":"filter","actions":[…]} with actions among ${ACTIONS.join(', ')}.`,
          }),
        );
        return;
      }
      client.setActions(actions);
    });
    socket.on('close', () => client.detach());
    socket.on('error', () => client.detach());
  });
}
