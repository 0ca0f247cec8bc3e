import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ApiError } from '@kairro/http';
import { deletePolicy, getPolicy, inTransaction, listPolicies, type Sql } from '@kairro/postgres';
import { currentUser, requireConfigWriter } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { audit } from '../policies/audit.ts';
import { describePolicyChange } from '../policies/describe.ts';
import { savePolicy } from '../policies/save.ts';
import { loadValidationContext } from '../policies/validate.ts';
import { inputOf, policyViews, snapshot } from '../policies/view.ts';
import { exportPoliciesYaml, importPoliciesYaml, YAML_BODY_LIMIT } from '../policies/yaml.ts';
import { ImportResult, PolicyCreateBody, PolicyPatchBody, PolicyView } from './policy-schemas.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorBody#' }]));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const common = { tags: ['policies'], security: [{ cookie: [] }] };
const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

export function policyRoutes(app: FastifyInstance, deps: ApiDeps): void {
  // The import body is the YAML text itself.
  for (const type of YAML_TYPES)
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: YAML_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );

  app.get(
    '/v1/admin/policies',
    {
      schema: {
        ...common,
        summary: 'Every policy of the org with its rules, by priority then name',
        response: { 200: Type.Object({ policies: Type.Array(PolicyView) }), ...errors(401) },
      },
    },
    async (req) => {
      const { orgId } = currentUser(req);
      return { policies: await policyViews(deps.sql, orgId, await listPolicies(deps.sql, orgId)) };
    },
  );

  app.get(
    '/v1/admin/policies/export',
    {
      schema: {
        ...common,
        summary: 'Every policy of the org as YAML (no ids; teams by name, identities by email)',
        produces: ['text/yaml'],
        response: { 200: Type.String(), ...errors(401) },
      },
    },
    async (req, reply) => {
      const yaml = await exportPoliciesYaml(deps.sql, currentUser(req).orgId);
      return reply
        .type('text/yaml; charset=utf-8')
        .header('content-disposition', 'attachment; filename="kairro-policies.yaml"')
        .send(yaml);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/admin/policies/:id',
    {
      schema: {
        ...common,
        summary: 'One policy',
        params: IdParams,
        response: { 200: PolicyView, ...errors(400, 401, 404) },
      },
    },
    async (req) => findView(deps.sql, req, req.params.id),
  );

  app.post<{ Body: PolicyCreateBody }>(
    '/v1/admin/policies',
    {
      schema: {
        ...common,
        summary: 'Create a policy (status ACTIVE, scope ORG and priority 100 unless given)',
        body: PolicyCreateBody,
        response: { 201: PolicyView, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      const b = req.body;
      const input = {
        name: b.name,
        description: b.description ?? '',
        type: b.type,
        status: b.status ?? 'ACTIVE',
        scope: b.scope ?? 'ORG',
        scopeTargetId: b.scopeTargetId ?? null,
        priority: b.priority ?? 100,
        rules: b.rules ?? [],
      };
      const saved = await inTransaction(deps.sql, async (tx) =>
        savePolicy(tx, user, await loadValidationContext(tx, user.orgId), undefined, input, {
          change: 'create',
        }),
      );
      return reply.code(201).send(saved.view);
    },
  );

  app.patch<{ Params: { id: string }; Body: PolicyPatchBody }>(
    '/v1/admin/policies/:id',
    {
      schema: {
        ...common,
        summary: 'Change a policy: any field; `rules` replaces the list; {status: "DISABLED"} disables',
        params: IdParams,
        body: PolicyPatchBody,
        response: { 200: PolicyView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireConfigWriter(req);
      const saved = await inTransaction(deps.sql, async (tx) => {
        const existing = await findView(tx, req, req.params.id);
        const input = { ...inputOf(existing), ...req.body };
        // Moving to ORG drops the target unless the patch says otherwise.
        if (req.body.scope === 'ORG' && req.body.scopeTargetId === undefined) input.scopeTargetId = null;
        const ctx = await loadValidationContext(tx, user.orgId);
        return savePolicy(tx, user, ctx, existing, input, { change: 'update' });
      });
      return saved.view;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/admin/policies/:id',
    {
      schema: {
        ...common,
        summary: 'Delete a policy (a default policy can only be disabled)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      await inTransaction(deps.sql, async (tx) => {
        const existing = await findView(tx, req, req.params.id);
        if (existing.isDefault)
          throw new ApiError(
            'CONFLICT',
            `"${existing.name}" is a default policy and cannot be deleted; disable it instead.`,
          );
        await deletePolicy(tx, user.orgId, existing.id);
        const before = snapshot(existing);
        await audit(tx, user, {
          entityType: 'policy',
          entityId: existing.id,
          entityName: existing.name,
          change: 'delete',
          description: describePolicyChange(before, null)!,
          before,
          after: null,
        });
      });
      return reply.code(204).send();
    },
  );

  app.post<{ Querystring: { dryRun?: boolean }; Body: string }>(
    '/v1/admin/policies/import',
    {
      schema: {
        ...common,
        summary: 'Create or update policies from YAML, matched by name; all or nothing',
        description:
          'Body: the export format (Content-Type application/yaml or text/yaml). Every policy is ' +
          'validated before anything is written; policies not in the file are left alone.',
        consumes: ['application/yaml', 'text/yaml'],
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
        response: { 200: ImportResult, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (req) => {
      const user = requireConfigWriter(req);
      const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!YAML_TYPES.includes(type) || typeof req.body !== 'string')
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the YAML as application/yaml or text/yaml.');
      return importPoliciesYaml(deps.sql, user, req.body, { dryRun: req.query.dryRun ?? false });
    },
  );
}

async function findView(sql: Sql, req: FastifyRequest, id: string): Promise<PolicyView> {
  const { orgId } = currentUser(req);
  const row = await getPolicy(sql, orgId, id);
  if (!row) throw new ApiError('NOT_FOUND', `No policy ${id} in your organisation.`);
  return (await policyViews(sql, orgId, [row]))[0]!;
}
