import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ApiError } from '@kairro/http';
import {
  createTeam,
  deleteTeam,
  DuplicateTeamError,
  getIdentity,
  getTeam,
  inTransaction,
  listIdentities,
  listTeams,
  policiesScopedTo,
  renameTeam,
  setIdentityTeam,
  type IdentityRow,
} from '@kairro/postgres';
import { currentUser, requireConfigWriter } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { audit } from '../policies/audit.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorBody#' }]));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const common = { tags: ['teams'], security: [{ cookie: [] }] };

const TeamBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
type TeamBody = Static<typeof TeamBody>;
const TeamView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  memberCount: Type.Integer(),
  createdAt: Type.String(),
});
const IdentityView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  teamId: Type.Union([Type.String(), Type.Null()]),
  teamName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
});
const IdentityQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the email' })),
  teamId: Type.Optional(
    Type.Union([Type.String({ format: 'uuid' }), Type.Literal('none')], {
      description: 'Members of this team, or `none` for identities without a team',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 400, description: 'nextCursor of the previous page' })),
});
type IdentityQuery = Static<typeof IdentityQuery>;
const IdentityPatch = Type.Object(
  { teamId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'null: no team' }) },
  { additionalProperties: false },
);
type IdentityPatch = Static<typeof IdentityPatch>;

export function teamRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/admin/teams',
    {
      schema: {
        ...common,
        summary: 'The org’s teams with their member counts',
        response: { 200: Type.Object({ teams: Type.Array(TeamView) }), ...errors(401) },
      },
    },
    async (req) => ({ teams: await listTeams(deps.sql, currentUser(req).orgId) }),
  );

  app.post<{ Body: TeamBody }>(
    '/v1/admin/teams',
    {
      schema: {
        ...common,
        summary: 'Create a team',
        body: TeamBody,
        response: { 201: TeamView, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      const name = nonBlank(req.body.name);
      const team = await inTransaction(deps.sql, async (tx) => {
        const created = await conflict(() => createTeam(tx, user.orgId, name));
        await audit(tx, user, {
          ...teamEntry(created.id, name),
          change: 'create',
          description: `Created team "${name}"`,
          before: null,
          after: { id: created.id, name },
        });
        return created;
      });
      return reply.code(201).send(team);
    },
  );

  app.patch<{ Params: { id: string }; Body: TeamBody }>(
    '/v1/admin/teams/:id',
    {
      schema: {
        ...common,
        summary: 'Rename a team',
        params: IdParams,
        body: TeamBody,
        response: { 200: TeamView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireConfigWriter(req);
      const name = nonBlank(req.body.name);
      return inTransaction(deps.sql, async (tx) => {
        const existing = await getTeam(tx, user.orgId, req.params.id);
        if (!existing) throw teamNotFound(req.params.id);
        if (existing.name === name) return existing;
        const renamed = (await conflict(() => renameTeam(tx, user.orgId, existing.id, name)))!;
        await audit(tx, user, {
          ...teamEntry(existing.id, name),
          change: 'update',
          description: `Renamed team "${existing.name}" → "${name}"`,
          before: { id: existing.id, name: existing.name },
          after: { id: existing.id, name },
        });
        return renamed;
      });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/admin/teams/:id',
    {
      schema: {
        ...common,
        summary: 'Delete a team (its members stay, without a team; 409 while a policy targets it)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      await inTransaction(deps.sql, async (tx) => {
        const existing = await getTeam(tx, user.orgId, req.params.id);
        if (!existing) throw teamNotFound(req.params.id);
        const scoped = await policiesScopedTo(tx, user.orgId, existing.id);
        if (scoped.length > 0)
          throw new ApiError(
            'CONFLICT',
            `Team "${existing.name}" is the scope of ${scoped.map((n) => `"${n}"`).join(', ')}; change or delete those policies first.`,
          );
        await deleteTeam(tx, user.orgId, existing.id);
        await audit(tx, user, {
          ...teamEntry(existing.id, existing.name),
          change: 'delete',
          description: `Deleted team "${existing.name}" (${existing.memberCount} members left without a team)`,
          before: { id: existing.id, name: existing.name },
          after: null,
        });
      });
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: IdentityQuery }>(
    '/v1/admin/identities',
    {
      schema: {
        ...common,
        summary: 'Employees seen through the extension, by email, with their team',
        querystring: IdentityQuery,
        response: {
          200: Type.Object({
            identities: Type.Array(IdentityView),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors(400, 401),
        },
      },
    },
    async (req) => {
      const q = req.query;
      const limit = q.limit ?? 100;
      const rows = await listIdentities(deps.sql, currentUser(req).orgId, {
        search: q.search?.trim() || undefined,
        teamId: q.teamId === 'none' ? null : q.teamId,
        limit: limit + 1,
        after: q.cursor,
      });
      const page = rows.slice(0, limit);
      return { identities: page, nextCursor: rows.length > limit ? page.at(-1)!.email : null };
    },
  );

  app.patch<{ Params: { id: string }; Body: IdentityPatch }>(
    '/v1/admin/identities/:id',
    {
      schema: {
        ...common,
        summary: 'Put an employee in a team (or none)',
        params: IdParams,
        body: IdentityPatch,
        response: { 200: IdentityView, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireConfigWriter(req);
      const { teamId } = req.body;
      return inTransaction(deps.sql, async (tx) => {
        const existing = await getIdentity(tx, user.orgId, req.params.id);
        if (!existing) throw new ApiError('NOT_FOUND', `No identity ${req.params.id} in your organisation.`);
        if (teamId !== null && !(await getTeam(tx, user.orgId, teamId)))
          throw new ApiError(
            'VALIDATION_FAILED',
            `teamId ${teamId} is not one of your organisation's teams.`,
          );
        if (existing.teamId === teamId) return existing;
        const row = (await setIdentityTeam(tx, user.orgId, existing.id, teamId))!;
        await audit(tx, user, {
          entityType: 'identity',
          entityId: row.id,
          entityName: row.email,
          change: 'update',
          description: `Moved ${row.email} from ${teamText(existing)} to ${teamText(row)}`,
          before: identitySnapshot(existing),
          after: identitySnapshot(row),
        });
        return row;
      });
    },
  );
}

const teamEntry = (id: string, name: string) => ({
  entityType: 'team' as const,
  entityId: id,
  entityName: name,
});
const teamText = (i: IdentityRow) => (i.teamName === null ? 'no team' : `team "${i.teamName}"`);
const identitySnapshot = (i: IdentityRow) => ({
  id: i.id,
  email: i.email,
  teamId: i.teamId,
  teamName: i.teamName,
});
const teamNotFound = (id: string) => new ApiError('NOT_FOUND', `No team ${id} in your organisation.`);

function nonBlank(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new ApiError('VALIDATION_FAILED', 'A team needs a name.');
  return trimmed;
}

async function conflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DuplicateTeamError) throw new ApiError('CONFLICT', err.message);
    throw err;
  }
}
