import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { catalogToolForUrl, type CatalogTool } from '@kairro/catalog';
import { ApiError } from '@kairro/http';
import {
  deleteTool,
  dismissHost,
  getAttributeOverrides,
  getTool,
  inTransaction,
  insertTool,
  listDismissedHosts,
  undismissHost,
  updateTool,
  type SessionUser,
  type Sql,
} from '@kairro/postgres';
import { currentUser, requireConfigWriter } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { audit } from '../policies/audit.ts';
import { describeToolChange } from '../policies/describe.ts';
import {
  DecisionBody,
  errors,
  HOST_PATTERN,
  HostParams,
  IdParams,
  ShadowToolView,
} from '../routes/shadow-ai-schemas.ts';
import { assertToolUnused, checkedPatterns, toolSnapshot } from './checks.ts';
import { decisionToolConfig, type DecisionInput } from './decision.ts';
import { findBaseTool } from './org-tools.ts';
import { hostBase, shadowTool, type BaseTool, type ShadowTool } from './tools-view.ts';

export interface DecisionRouteContext {
  catalogById: ReadonlyMap<string, CatalogTool>;
  /** The tool as the org sees it now; 404 when unknown. */
  view(orgId: string, id: string): Promise<ShadowTool>;
  common: object;
}

const HOST = new RegExp(HOST_PATTERN);

/**
 * Decisions (the org's ai_tools row for a tool: policy at once, through the table's trigger) and
 * the discovered hosts an admin dismissed.
 */
export function decisionRoutes(app: FastifyInstance, deps: ApiDeps, ctx: DecisionRouteContext): void {
  const { catalogById, view, common } = ctx;
  const catalog = [...catalogById.values()];

  /** The tool a decision is about: known to the org, or a host seen in use (not a catalog one's). */
  const decidable = async (tx: Sql, orgId: string, id: string): Promise<BaseTool> => {
    const base = await findBaseTool(tx, orgId, catalogById, id);
    if (base) return base;
    if (!HOST.test(id))
      throw new ApiError('NOT_FOUND', `No AI tool "${id}" in the catalog or your organisation.`);
    const owner = catalogToolForUrl(new URL(`https://${id}/`), catalog);
    if (owner)
      throw new ApiError('BAD_REQUEST', `"${id}" belongs to the catalog tool "${owner.id}"; decide on that.`);
    return hostBase(id);
  };

  app.put<{ Params: { id: string }; Body: DecisionBody }>(
    '/v1/admin/shadow-ai/tools/:id/decision',
    {
      schema: {
        ...common,
        summary: 'Approve or unapprove a tool (or a discovered host): it is policy at once',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ShadowToolView, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireConfigWriter(req);
      const { id } = req.params;
      const input = decisionInput(req.body);
      await inTransaction(deps.sql, async (tx) => {
        const base = await decidable(tx, user.orgId, id);
        const existing = await getTool(tx, user.orgId, id);
        const tool = shadowTool(base, await getAttributeOverrides(tx, user.orgId, id), existing);
        const config = decisionToolConfig(tool, input, existing);
        config.urlPatterns = checkedPatterns(id, config.urlPatterns);
        const description = describeToolChange(existing ? toolSnapshot(existing) : null, config);
        if (description === null) return;
        const row = existing
          ? (await updateTool(tx, user.orgId, config))!
          : await insertTool(tx, user.orgId, config);
        await audit(tx, user, {
          entityType: 'tool',
          entityId: id,
          entityName: row.name,
          change: existing ? 'update' : 'create',
          description,
          before: existing ? toolSnapshot(existing) : null,
          after: toolSnapshot(row),
        });
      });
      return view(user.orgId, id);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/admin/shadow-ai/tools/:id/decision',
    {
      schema: {
        ...common,
        summary: 'Clear the org’s decision: the tool is unreviewed again (409 while a policy rule names it)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      const { id } = req.params;
      await inTransaction(deps.sql, async (tx) => {
        const existing = await getTool(tx, user.orgId, id);
        if (!existing) throw new ApiError('NOT_FOUND', `Your organisation has no decision about "${id}".`);
        await assertToolUnused(tx, user.orgId, id);
        await deleteTool(tx, user.orgId, id);
        await audit(tx, user, {
          entityType: 'tool',
          entityId: id,
          entityName: existing.name,
          change: 'delete',
          description: describeToolChange(existing, null)!,
          before: toolSnapshot(existing),
          after: null,
        });
      });
      return reply.code(204).send();
    },
  );

  const hostRoute = {
    ...common,
    params: HostParams,
    response: { 204: Type.Null(), ...errors(400, 401, 403) },
  };
  const dismissal = (dismiss: boolean) => async (req: { params: { host: string } }, user: SessionUser) => {
    const { host } = req.params;
    await inTransaction(deps.sql, async (tx) => {
      const changed = dismiss
        ? await dismissHost(tx, user.orgId, host, { userId: user.id, email: user.email })
        : await undismissHost(tx, user.orgId, host);
      if (!changed) return;
      await audit(tx, user, {
        entityType: 'tool',
        entityId: host,
        entityName: host,
        change: 'update',
        description: dismiss
          ? `Dismissed discovered host "${host}"`
          : `Showed discovered host "${host}" again`,
        before: { dismissed: !dismiss },
        after: { dismissed: dismiss },
      });
    });
  };
  const dismiss = dismissal(true);
  const undismiss = dismissal(false);

  app.post<{ Params: { host: string } }>(
    '/v1/admin/shadow-ai/discovered/:host/dismiss',
    { schema: { ...hostRoute, summary: 'Hide a host from the discovered-tools queue' } },
    async (req, reply) => {
      await dismiss(req, requireConfigWriter(req));
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { host: string } }>(
    '/v1/admin/shadow-ai/discovered/:host/dismiss',
    { schema: { ...hostRoute, summary: 'Show a dismissed host in the discovered-tools queue again' } },
    async (req, reply) => {
      await undismiss(req, requireConfigWriter(req));
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/admin/shadow-ai/dismissed',
    {
      schema: {
        ...common,
        summary: 'The hosts the org dismissed from the discovered-tools queue',
        response: { 200: Type.Object({ hosts: Type.Array(Type.String()) }), ...errors(401) },
      },
    },
    async (req) => ({ hosts: await listDismissedHosts(deps.sql, currentUser(req).orgId) }),
  );
}

/** The body as a decision: an UNAPPROVED one needs an action; each status takes only its fields. */
function decisionInput(body: DecisionBody): DecisionInput {
  const { status, applyPolicies, action, severity, urlPatterns } = body;
  if (status === 'APPROVED') {
    if (action !== undefined || severity !== undefined)
      throw new ApiError('VALIDATION_FAILED', 'An APPROVED decision takes no action or severity.');
    return { status, applyPolicies, urlPatterns };
  }
  if (action === undefined)
    throw new ApiError(
      'VALIDATION_FAILED',
      'An UNAPPROVED decision needs an action (ALLOW, WARN, MASK, BLOCK).',
    );
  if (applyPolicies !== undefined)
    throw new ApiError('VALIDATION_FAILED', 'applyPolicies is for APPROVED decisions only.');
  return { status, action, severity, urlPatterns };
}
