import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ApiError } from '@kairro/http';
import { AUDIT_CHANGES, AUDIT_ENTITY_TYPES, listAudit } from '@kairro/postgres';
import { currentUser } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { oneOf } from './policy-schemas.ts';

const AuditQuery = Type.Object({
  entityType: Type.Optional(oneOf(AUDIT_ENTITY_TYPES)),
  entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
});
type AuditQuery = Static<typeof AuditQuery>;

const AuditView = Type.Object({
  id: Type.String(),
  occurredAt: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorEmail: Type.String(),
  entityType: oneOf(AUDIT_ENTITY_TYPES),
  entityId: Type.String(),
  entityName: Type.String(),
  change: oneOf(AUDIT_CHANGES),
  description: Type.String(),
  before: Type.Unknown({ description: 'The entity before (null for a create)' }),
  after: Type.Unknown({ description: 'The entity after (null for a delete)' }),
});

export function auditRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: AuditQuery }>(
    '/v1/admin/audit',
    {
      schema: {
        tags: ['audit'],
        security: [{ cookie: [] }],
        summary: 'Who changed policies, tools, teams and identities’ teams: newest first, before → after',
        querystring: AuditQuery,
        response: {
          200: Type.Object({
            entries: Type.Array(AuditView),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => {
      const q = req.query;
      const limit = q.limit ?? 50;
      const rows = await listAudit(deps.sql, currentUser(req).orgId, {
        entityType: q.entityType,
        entityId: q.entityId,
        limit: limit + 1,
        before: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
      });
      const entries = rows.slice(0, limit);
      const last = entries.at(-1);
      return { entries, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
    },
  );
}

const encodeCursor = (row: { occurredAt: string; id: string }) =>
  Buffer.from(`${row.occurredAt}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { occurredAt: string; id: string } {
  const [occurredAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!occurredAt || !id || !/^\d+$/.test(id) || Number.isNaN(Date.parse(occurredAt)))
    throw new ApiError('VALIDATION_FAILED', 'Invalid cursor: pass nextCursor from the previous page.');
  return { occurredAt, id };
}
