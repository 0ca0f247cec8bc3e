import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { ACTIONS, isValidUrlPattern, SEVERITIES, type ToolConfig } from '@kairro/core';
import { ApiError } from '@kairro/http';
import {
  deleteTool,
  DuplicateToolError,
  getTool,
  inTransaction,
  insertTool,
  listTools,
  policiesUsingTool,
  updateTool,
  type ToolRow,
} from '@kairro/postgres';
import { currentUser, requireConfigWriter } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { oneOf } from './policy-schemas.ts';
import { audit } from '../policies/audit.ts';
import { describeToolChange } from '../policies/describe.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorBody#' }]));
const TOOL_ID = '^[a-z0-9][a-z0-9_.-]{0,63}$';
const IdParams = Type.Object({ id: Type.String({ pattern: TOOL_ID }) });
const common = { tags: ['tools'], security: [{ cookie: [] }] };

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  status: Type.Union([Type.Literal('APPROVED'), Type.Literal('UNAPPROVED')]),
  urlPatterns: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
    minItems: 1,
    maxItems: 50,
    description: 'Chrome match patterns: https://chatgpt.com/*, *://*.example.ai/*',
  }),
  applyPolicies: Type.Boolean({ description: 'Approved tools: false trusts the tool and skips policies' }),
  action: oneOf(ACTIONS),
  severity: oneOf(SEVERITIES),
};

const ToolCreateBody = Type.Object(
  {
    id: Type.String({ pattern: TOOL_ID, description: 'Stable slug rules refer to, e.g. `chatgpt`' }),
    name: fields.name,
    status: fields.status,
    urlPatterns: fields.urlPatterns,
    applyPolicies: Type.Optional(fields.applyPolicies),
    action: Type.Optional(oneOf(ACTIONS, 'Unapproved tools; default BLOCK')),
    severity: Type.Optional(oneOf(SEVERITIES, 'Unapproved tools; default MEDIUM')),
  },
  { additionalProperties: false },
);
type ToolCreateBody = Static<typeof ToolCreateBody>;
const ToolPatchBody = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
type ToolPatchBody = Static<typeof ToolPatchBody>;

const ToolView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: fields.status,
  urlPatterns: Type.Array(Type.String()),
  applyPolicies: Type.Boolean(),
  action: fields.action,
  severity: fields.severity,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export function toolRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/admin/tools',
    {
      schema: {
        ...common,
        summary: 'The org’s AI tools: approved first, then unapproved, each by name',
        response: { 200: Type.Object({ tools: Type.Array(ToolView) }), ...errors(401) },
      },
    },
    async (req) => ({ tools: await listTools(deps.sql, currentUser(req).orgId) }),
  );

  app.post<{ Body: ToolCreateBody }>(
    '/v1/admin/tools',
    {
      schema: {
        ...common,
        summary: 'Classify an AI tool as approved or unapproved',
        body: ToolCreateBody,
        response: { 201: ToolView, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      const tool = checked({
        applyPolicies: true,
        action: 'BLOCK',
        severity: 'MEDIUM',
        ...(req.body as Omit<ToolConfig, 'applyPolicies' | 'action' | 'severity'>),
      } as ToolConfig);
      const row = await inTransaction(deps.sql, async (tx) => {
        const created = await conflictAsApiError(() => insertTool(tx, user.orgId, tool));
        await audit(tx, user, {
          entityType: 'tool',
          entityId: created.id,
          entityName: created.name,
          change: 'create',
          description: describeToolChange(null, created)!,
          before: null,
          after: toolSnapshot(created),
        });
        return created;
      });
      return reply.code(201).send(row);
    },
  );

  app.patch<{ Params: { id: string }; Body: ToolPatchBody }>(
    '/v1/admin/tools/:id',
    {
      schema: {
        ...common,
        summary: 'Change a tool (its id stays)',
        params: IdParams,
        body: ToolPatchBody,
        response: { 200: ToolView, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireConfigWriter(req);
      return inTransaction(deps.sql, async (tx) => {
        const existing = await getTool(tx, user.orgId, req.params.id);
        if (!existing) throw notFound(req.params.id);
        const tool = checked({ ...toolSnapshot(existing), ...(req.body as Partial<ToolConfig>) });
        const description = describeToolChange(existing, tool);
        if (description === null) return existing;
        const row = (await updateTool(tx, user.orgId, tool))!;
        await audit(tx, user, {
          entityType: 'tool',
          entityId: row.id,
          entityName: row.name,
          change: 'update',
          description,
          before: toolSnapshot(existing),
          after: toolSnapshot(row),
        });
        return row;
      });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/admin/tools/:id',
    {
      schema: {
        ...common,
        summary: 'Delete a tool (409 while a policy rule names it)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      await inTransaction(deps.sql, async (tx) => {
        const existing = await getTool(tx, user.orgId, req.params.id);
        if (!existing) throw notFound(req.params.id);
        const users = await policiesUsingTool(tx, user.orgId, existing.id);
        if (users.length > 0)
          throw new ApiError(
            'CONFLICT',
            `Tool "${existing.id}" is named by the rules of ${users.map((n) => `"${n}"`).join(', ')}; remove it there first.`,
          );
        await deleteTool(tx, user.orgId, existing.id);
        await audit(tx, user, {
          entityType: 'tool',
          entityId: existing.id,
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
}

/** URL patterns must be valid Chrome match patterns; duplicates are dropped. */
function checked(tool: ToolConfig): ToolConfig {
  const urlPatterns = [...new Set(tool.urlPatterns.map((u) => u.trim()))];
  for (const pattern of urlPatterns) {
    const problem = isValidUrlPattern(pattern);
    if (problem) throw new ApiError('VALIDATION_FAILED', `Tool "${tool.id}": ${problem}.`);
  }
  return { ...tool, name: tool.name.trim(), urlPatterns };
}

function toolSnapshot(row: ToolRow | ToolConfig): ToolConfig {
  const { id, name, status, urlPatterns, applyPolicies, action, severity } = row;
  return { id, name, status, urlPatterns, applyPolicies, action, severity };
}

async function conflictAsApiError<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DuplicateToolError) throw new ApiError('CONFLICT', err.message);
    throw err;
  }
}

const notFound = (id: string) => new ApiError('NOT_FOUND', `No tool "${id}" in your organisation.`);
