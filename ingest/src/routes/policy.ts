import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authenticate } from '../authenticate.ts';
import type { IngestDeps } from '../deps.ts';
import { assertLicenseUsable } from '../license.ts';
import { ExtensionPolicyResponse } from '../schemas.ts';

/**
 * The extension polls this for where to intercept. The document and its ETag are computed once per
 * config load, so a poll costs a token check and a string compare; 304 while nothing changed.
 */
export function policyRoute(app: FastifyInstance, deps: IngestDeps): void {
  app.get(
    '/v1/extension/policy',
    {
      schema: {
        summary: "The org's approved and unapproved AI tools, with an ETag",
        description:
          'Send the last ETag in If-None-Match: 304 without a body while nothing changed. ' +
          'An expired or revoked license answers 403: the extension is unlicensed and fails closed.',
        tags: ['extension'],
        security: [{ bearer: [] }],
        response: {
          200: ExtensionPolicyResponse,
          304: Type.Null({ description: 'Not modified: the ETag sent is current' }),
          401: { $ref: 'ErrorBody#' },
          403: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req, reply) => {
      const { claims, config } = await authenticate(req, deps);
      assertLicenseUsable(config.licenses.get(claims.licenseId), deps.now());
      const { extension, etag } = config.policy;
      void reply.header('etag', etag).header('cache-control', 'no-cache');
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
      return extension;
    },
  );
}

/** RFC 9110 If-None-Match: `*`, or a list of (possibly weak, `W/`) entity tags; weak comparison. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
