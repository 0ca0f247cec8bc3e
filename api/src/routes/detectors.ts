import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BUILTIN_DETECTORS, scanText } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { compileCustomPattern, customRuleId } from '@kairro/ingest/custom-detectors';
import { compileOrgDlp } from '@kairro/ingest/org-dlp';
import {
  createCustomDetector,
  deleteCustomDetector,
  DuplicateDetectorNameError,
  findCustomDetector,
  listCustomDetectors,
  loadOrgConfigs,
  updateCustomDetector,
  type CustomDetectorInput,
  type CustomDetectorRow,
} from '@kairro/postgres';
import { currentUser, requireConfigWriter } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { BUILTIN_TYPES, redactValue } from '../dlp/org-detectors.ts';
import {
  DetectorCreateBody,
  DetectorPatchBody,
  DetectorView,
  TestBody,
  TestResponse,
} from './detector-schemas.ts';

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorBody#' }]));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const common = { tags: ['detectors'], security: [{ cookie: [] }] };

const BUILTIN_VIEWS: DetectorView[] = BUILTIN_DETECTORS.map((d) => ({
  source: 'builtin',
  id: d.id,
  name: d.type,
  type: d.type,
  ruleId: d.id,
  severity: d.severity,
  target: d.target ?? 'both',
  description: d.description ?? '',
  keywords: [...d.keywords],
  enabled: true,
}));

export function detectorRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/admin/detectors',
    {
      schema: {
        ...common,
        summary: 'Built-in detectors and the org’s own',
        response: { 200: Type.Object({ detectors: Type.Array(DetectorView) }), ...errors(401) },
      },
    },
    async (req) => {
      const custom = await listCustomDetectors(deps.sql, [currentUser(req).orgId]);
      return { detectors: [...BUILTIN_VIEWS, ...custom.map(customView)] };
    },
  );

  app.post<{ Body: DetectorCreateBody }>(
    '/v1/admin/detectors',
    {
      schema: {
        ...common,
        summary: 'Add a custom detector (RE2 pattern)',
        body: DetectorCreateBody,
        response: { 201: DetectorView, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      const input = checked({
        description: '',
        caseInsensitive: false,
        target: 'prompt',
        keywords: [],
        validator: 'none',
        enabled: true,
        ...req.body,
      });
      const row = await conflictAsApiError(() => createCustomDetector(deps.sql, user.orgId, input, user.id));
      return reply.code(201).send(customView(row));
    },
  );

  app.patch<{ Params: { id: string }; Body: DetectorPatchBody }>(
    '/v1/admin/detectors/:id',
    {
      schema: {
        ...common,
        summary: 'Change a custom detector',
        params: IdParams,
        body: DetectorPatchBody,
        response: { 200: DetectorView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireConfigWriter(req);
      const existing = await findCustomDetector(deps.sql, user.orgId, req.params.id);
      if (!existing) throw notFound(req.params.id);
      const input = checked({ ...inputOf(existing), ...req.body });
      const row = await conflictAsApiError(() =>
        updateCustomDetector(deps.sql, user.orgId, existing.id, input),
      );
      if (!row) throw notFound(req.params.id);
      return customView(row);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/admin/detectors/:id',
    {
      schema: {
        ...common,
        summary: 'Delete a custom detector',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const user = requireConfigWriter(req);
      if (!(await deleteCustomDetector(deps.sql, user.orgId, req.params.id))) throw notFound(req.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: TestBody }>(
    '/v1/admin/detectors/test',
    {
      schema: {
        ...common,
        summary: 'Scan a text as ingest would for this org, explaining every finding (stores nothing)',
        body: TestBody,
        response: { 200: TestResponse, ...errors(400, 401) },
      },
    },
    async (req) => {
      const { orgId } = currentUser(req);
      const config = (await loadOrgConfigs(deps.sql, [orgId])).get(orgId);
      if (!config) throw new ApiError('NOT_FOUND', 'Your organisation no longer exists.');
      const { detectors, allowlist } = compileOrgDlp(config, (err) =>
        req.log.warn({ err }, 'custom detector skipped'),
      );
      const text = req.body.text;
      const result = scanText(text, {
        target: req.body.target ?? 'prompt',
        detectors,
        allowlist,
        explain: true,
      });
      return {
        findings: result.matches.map((m) => ({
          detector: m.detector,
          ruleId: m.ruleId,
          source: m.ruleId.startsWith('custom.') ? ('custom' as const) : ('builtin' as const),
          severity: m.severity,
          start: m.start,
          end: m.end,
          confidence: m.confidence,
          why: m.why ?? [],
          redacted: redactValue(text.slice(m.start, m.end)),
        })),
        summary: result.summary,
      };
    },
  );
}

function customView(row: CustomDetectorRow): DetectorView {
  return {
    source: 'custom',
    id: row.id,
    name: row.name,
    type: row.type,
    ruleId: customRuleId(row.id),
    severity: row.severity,
    target: row.target,
    description: row.description,
    keywords: row.keywords,
    enabled: row.enabled,
    pattern: row.pattern,
    caseInsensitive: row.caseInsensitive,
    validator: row.validator,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function inputOf(row: CustomDetectorRow): CustomDetectorInput {
  const { id: _id, orgId: _org, createdBy: _by, createdAt: _c, updatedAt: _u, ...input } = row;
  return input;
}

/** What the schema cannot say: the type is not a built-in one and the pattern is safe RE2. */
function checked(input: CustomDetectorInput): CustomDetectorInput {
  if (BUILTIN_TYPES.has(input.type))
    throw new ApiError(
      'VALIDATION_FAILED',
      `"${input.type}" is a built-in detector type; choose another type name.`,
    );
  const check = compileCustomPattern(input.pattern, { caseInsensitive: input.caseInsensitive });
  if (!check.ok) throw new ApiError('INVALID_PATTERN', check.message);
  const keywords = [...new Set(input.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))];
  return { ...input, name: input.name.trim(), keywords };
}

async function conflictAsApiError<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DuplicateDetectorNameError) throw new ApiError('CONFLICT', err.message);
    throw err;
  }
}

const notFound = (id: string) => new ApiError('NOT_FOUND', `No custom detector ${id} in your organisation.`);
