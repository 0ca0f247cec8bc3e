import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { ApiError } from '@kairro/http';
import { createSession, deleteSession, findUserByEmail } from '@kairro/postgres';
import { verifyPassword } from '../auth/password.ts';
import { currentUser, SESSION_COOKIE, SESSION_TTL_SECONDS, setSessionCookie } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';

const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
});
const UserResponse = Type.Object({ user: UserView });

/**
 * Password guessing: at most 10 attempts per client address and account in 5 minutes. Keyed on
 * both so one attacker cannot lock every user out, nor spread guesses over accounts unnoticed.
 * Counters live in the api process (per process in the distributed shape).
 */
const LOGIN_RATE_LIMIT = {
  max: 10,
  timeWindow: '5 minutes',
  hook: 'preHandler' as const,
  keyGenerator: (req: FastifyRequest) =>
    `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
  errorResponseBuilder: (_req: FastifyRequest, ctx: { after: string }) =>
    new ApiError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${ctx.after}.`),
};

export function authRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post<{ Body: Static<typeof LoginBody> }>(
    '/v1/admin/auth/login',
    {
      config: { rateLimit: LOGIN_RATE_LIMIT },
      schema: {
        summary: 'Sign in; sets an HttpOnly session cookie',
        tags: ['auth'],
        body: LoginBody,
        response: {
          200: UserResponse,
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
          429: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req, reply) => {
      const user = await findUserByEmail(deps.sql, req.body.email);
      const ok = await verifyPassword(user?.passwordHash, req.body.password);
      if (!user || !ok) throw new ApiError('INVALID_CREDENTIALS', 'Wrong email or password.');
      const token = await createSession(deps.sql, {
        userId: user.id,
        orgId: user.orgId,
        ttlSeconds: SESSION_TTL_SECONDS,
      });
      setSessionCookie(reply, token, deps.secureCookies);
      return {
        user: { id: user.id, email: user.email, role: user.role, orgId: user.orgId, orgName: user.orgName },
      };
    },
  );

  app.get(
    '/v1/admin/auth/me',
    {
      schema: {
        summary: 'The signed-in user',
        tags: ['auth'],
        security: [{ cookie: [] }],
        response: { 200: UserResponse, 401: { $ref: 'ErrorBody#' } },
      },
    },
    async (req) => ({ user: currentUser(req) }),
  );

  app.post(
    '/v1/admin/auth/logout',
    { schema: { summary: 'Sign out', tags: ['auth'], security: [{ cookie: [] }] } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await deleteSession(deps.sql, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );
}
