import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { getDlpSettings, putDlpSettings } from '@kairro/postgres';
import { currentUser, requireConfigWriter } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';

const DlpSettingsBody = Type.Object(
  {
    allowlistValues: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), {
      maxItems: 500,
      description: 'Exact values never reported (digits compare without spaces and dashes)',
    }),
    allowlistEmailDomains: Type.Array(
      Type.String({ pattern: '^@?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$', maxLength: 253 }),
      { maxItems: 200, description: 'Email domains never reported; subdomains included' },
    ),
    allowTestCards: Type.Boolean({ description: 'Do not report well-known test card numbers' }),
    logLevel: Type.Union(
      [Type.Literal('METADATA_ONLY'), Type.Literal('REDACTED_MATCHES'), Type.Literal('REDACTED_PROMPT')],
      {
        description:
          'What events store: nothing of the text, redacted match snippets, or also the redacted prompt',
      },
    ),
  },
  { additionalProperties: false },
);
type DlpSettingsBody = Static<typeof DlpSettingsBody>;

const common = { tags: ['detectors'], security: [{ cookie: [] }] };

export function dlpSettingsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/admin/dlp-settings',
    {
      schema: {
        ...common,
        summary: 'The org’s allowlists, test-card switch and logging level',
        response: { 200: DlpSettingsBody, 401: { $ref: 'ErrorBody#' } },
      },
    },
    async (req) => getDlpSettings(deps.sql, currentUser(req).orgId),
  );

  app.put<{ Body: DlpSettingsBody }>(
    '/v1/admin/dlp-settings',
    {
      schema: {
        ...common,
        summary: 'Replace the org’s DLP settings (ingest applies them within a second)',
        body: DlpSettingsBody,
        response: {
          200: DlpSettingsBody,
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
          403: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => {
      const { orgId } = requireConfigWriter(req);
      const body = req.body;
      const clean = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
      return putDlpSettings(deps.sql, orgId, {
        ...body,
        allowlistValues: clean(body.allowlistValues),
        allowlistEmailDomains: clean(
          body.allowlistEmailDomains.map((d) => d.toLowerCase().replace(/^@/, '')),
        ),
      });
    },
  );
}
