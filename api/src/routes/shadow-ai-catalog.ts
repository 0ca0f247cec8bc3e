import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { builtInCatalog, type CatalogTool } from '@kairro/catalog';
import { ApiError } from '@kairro/http';
import {
  deleteCustomTool,
  DuplicateCustomToolError,
  getAttributeOverrides,
  getCustomTool,
  getTool,
  inTransaction,
  insertCustomTool,
  putAttributeOverrides,
} from '@kairro/postgres';
import { currentUser, requireConfigWriter } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { audit } from '../policies/audit.ts';
import { checkAttributes, checkedPatterns } from '../shadow-ai/checks.ts';
import { decisionRoutes } from '../shadow-ai/decision-routes.ts';
import { describeOverridesChange } from '../shadow-ai/describe.ts';
import { filterShadowTools } from '../shadow-ai/filter.ts';
import { findBaseTool, loadShadowTool, loadShadowTools } from '../shadow-ai/org-tools.ts';
import {
  CustomToolBody,
  errors,
  IdParams,
  OverridesBody,
  ShadowToolView,
  ToolsQuery,
} from './shadow-ai-schemas.ts';

const common = { tags: ['shadow-ai'], security: [{ cookie: [] }] };
type IdRequest = { Params: { id: string } };

/**
 * The org's view of the AI tool catalog (docs/shadow-ai.md, "Admin API: catalog and decisions"):
 * the catalog with the org's attribute overrides, its custom tools, and its decisions, which are
 * its ai_tools rows and so policy at once.
 */
export function shadowAiCatalogRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const catalog = builtInCatalog(); // read and validated at boot: a broken catalog fails the start
  const catalogById: ReadonlyMap<string, CatalogTool> = new Map(catalog.map((t) => [t.id, t]));
  const notFound = (id: string) =>
    new ApiError('NOT_FOUND', `No AI tool "${id}" in the catalog or your organisation.`);
  const view = async (orgId: string, id: string) => {
    const tool = await loadShadowTool(deps.sql, orgId, catalogById, id);
    if (!tool) throw notFound(id);
    return tool;
  };

  app.get<{ Querystring: ToolsQuery }>(
    '/v1/admin/shadow-ai/tools',
    {
      schema: {
        ...common,
        summary:
          'Every catalog tool and the org’s own, with effective attributes, risk and decision, by name',
        querystring: ToolsQuery,
        response: { 200: Type.Object({ tools: Type.Array(ShadowToolView) }), ...errors(400, 401) },
      },
    },
    async (req) => {
      const tools = await loadShadowTools(deps.sql, currentUser(req).orgId, catalog);
      return { tools: filterShadowTools(tools, req.query) };
    },
  );

  app.get<IdRequest>(
    '/v1/admin/shadow-ai/tools/:id',
    {
      schema: {
        ...common,
        summary: 'One tool as the org sees it, with the factors of its risk score',
        params: IdParams,
        response: { 200: ShadowToolView, ...errors(400, 401, 404) },
      },
    },
    async (req) => view(currentUser(req).orgId, req.params.id),
  );

  app.put<IdRequest & { Body: OverridesBody }>(
    '/v1/admin/shadow-ai/tools/:id/attributes',
    {
      schema: {
        ...common,
        summary: 'Replace the org’s overrides of a tool’s risk attributes ({} clears them)',
        params: IdParams,
        body: OverridesBody,
        response: { 200: ShadowToolView, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireConfigWriter(req);
      const { id } = req.params;
      const { overrides } = req.body;
      checkAttributes(id, overrides);
      await inTransaction(deps.sql, async (tx) => {
        const base = await findBaseTool(tx, user.orgId, catalogById, id);
        if (!base) throw notFound(id);
        const before = await getAttributeOverrides(tx, user.orgId, id);
        const description = describeOverridesChange(base.name, before, overrides);
        if (description === null) return;
        await putAttributeOverrides(tx, user.orgId, id, overrides);
        await audit(tx, user, {
          entityType: 'tool',
          entityId: id,
          entityName: base.name,
          change: 'update',
          description,
          before: { overrides: before },
          after: { overrides },
        });
      });
      return view(user.orgId, id);
    },
  );

  app.post<{ Body: CustomToolBody }>(
    '/v1/admin/shadow-ai/tools',
    {
      schema: {
        ...common,
        summary: 'Add the org’s own AI tool to its catalog (409 when the id is taken)',
        body: CustomToolBody,
        response: { 201: ShadowToolView, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      const body = req.body;
      if (catalogById.has(body.id))
        throw new ApiError('CONFLICT', `"${body.id}" is a catalog tool; choose another id.`);
      const attributes = body.attributes ?? {};
      checkAttributes(body.id, attributes);
      const tool = {
        id: body.id,
        name: body.name.trim(),
        vendor: body.vendor?.trim() ?? '',
        category: body.category,
        domains: [...new Set(body.domains)],
        urlPatterns: checkedPatterns(body.id, body.urlPatterns),
        attributes,
      };
      await inTransaction(deps.sql, async (tx) => {
        const created = await insertCustomTool(tx, user.orgId, tool).catch((err: unknown) => {
          throw err instanceof DuplicateCustomToolError ? new ApiError('CONFLICT', err.message) : err;
        });
        await audit(tx, user, {
          entityType: 'tool',
          entityId: created.id,
          entityName: created.name,
          change: 'create',
          description: `Added custom AI tool "${created.name}" (${created.category})`,
          before: null,
          after: tool,
        });
      });
      return reply.code(201).send(await view(user.orgId, tool.id));
    },
  );

  app.delete<IdRequest>(
    '/v1/admin/shadow-ai/tools/:id',
    {
      schema: {
        ...common,
        summary: 'Delete one of the org’s custom tools (400 for a catalog tool, 409 while decided)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      const { id } = req.params;
      if (catalogById.has(id))
        throw new ApiError(
          'BAD_REQUEST',
          `"${id}" is a catalog tool; only your custom tools can be deleted.`,
        );
      await inTransaction(deps.sql, async (tx) => {
        const existing = await getCustomTool(tx, user.orgId, id);
        if (!existing) {
          if (await getTool(tx, user.orgId, id))
            throw new ApiError(
              'BAD_REQUEST',
              `"${id}" is not one of your custom tools; clear its decision instead (DELETE …/decision).`,
            );
          throw notFound(id);
        }
        if (await getTool(tx, user.orgId, id))
          throw new ApiError('CONFLICT', `Custom tool "${id}" has a decision; clear it first.`);
        await deleteCustomTool(tx, user.orgId, id);
        await audit(tx, user, {
          entityType: 'tool',
          entityId: id,
          entityName: existing.name,
          change: 'delete',
          description: `Deleted custom AI tool "${existing.name}"`,
          before: existing,
          after: null,
        });
      });
      return reply.code(204).send();
    },
  );

  decisionRoutes(app, deps, { catalogById, view, common });
}
