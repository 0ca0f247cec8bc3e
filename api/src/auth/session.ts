import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '@kairro/http';
import { findSessionUser, type SessionUser, type Sql } from '@kairro/postgres';

export const SESSION_COOKIE = 'kairro_session';
export const SESSION_TTL_SECONDS = 12 * 3600;

declare module 'fastify' {
  interface FastifyRequest {
    user?: SessionUser;
  }
}

/** Resolves the session cookie to a user for every `/v1/admin` route except the public auth ones. */
export function requireSession(app: FastifyInstance, sql: Sql, publicPaths: ReadonlySet<string>): void {
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/v1/admin/') || publicPaths.has(path)) return;
    const token = req.cookies[SESSION_COOKIE];
    const user = token ? await findSessionUser(sql, token) : undefined;
    if (!user) throw new ApiError('UNAUTHENTICATED', 'Sign in first: POST /v1/admin/auth/login.');
    req.user = user;
  });
}

/** The signed-in user; only valid behind `requireSession`. Every query scopes on `user.orgId`. */
export function currentUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new ApiError('UNAUTHENTICATED', 'Sign in first: POST /v1/admin/auth/login.');
  return req.user;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_TTL_SECONDS,
  });
}

/** Changing the org's configuration is for OWNER and ADMIN; ANALYST and VIEWER read only. */
export function requireConfigWriter(req: FastifyRequest): SessionUser {
  const user = currentUser(req);
  if (user.role !== 'OWNER' && user.role !== 'ADMIN')
    throw new ApiError(
      'FORBIDDEN',
      `Your role ${user.role} can read this but not change it; ask an owner or admin.`,
    );
  return user;
}
