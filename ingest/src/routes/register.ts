import type { FastifyInstance } from 'fastify';
import { ApiError } from '@kairro/http';
import { findLicenseByKey, registerEndpoint } from '@kairro/postgres';
import type { IngestDeps } from '../deps.ts';
import { assertLicenseUsable } from '../license.ts';
import { RegisterBody, RegisterResponse } from '../schemas.ts';

export function registerRoute(app: FastifyInstance, deps: IngestDeps): void {
  app.post<{ Body: RegisterBody }>(
    '/v1/extension/register',
    {
      schema: {
        summary: 'Register an extension endpoint with a license key; returns its token',
        tags: ['extension'],
        body: RegisterBody,
        response: {
          200: RegisterResponse,
          400: { $ref: 'ErrorBody#' },
          401: { $ref: 'ErrorBody#' },
          403: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (req) => {
      const { licenseKey, endpointId, identity, userAgent } = req.body;
      const license = await findLicenseByKey(deps.sql, licenseKey);
      if (!license)
        throw new ApiError('INVALID_LICENSE', 'Unknown license key. Check the key your admin deployed.');
      assertLicenseUsable(license, deps.now());
      const endpoint = await registerEndpoint(deps.sql, {
        orgId: license.orgId,
        licenseId: license.id,
        endpointKey: endpointId,
        email: identity.email,
        userAgent: userAgent ?? req.headers['user-agent'] ?? null,
      });
      const { token, expiresAt } = await deps.tokens.issue({
        orgId: license.orgId,
        endpointId: endpoint.id,
        licenseId: license.id,
        email: identity.email.toLowerCase(),
      });
      // New identities and endpoints do not change policy, but the org may be new to this process.
      if (!deps.configs.get(license.orgId)) await deps.configs.refresh(license.orgId);
      return {
        token,
        expiresAt: expiresAt.toISOString(),
        orgId: license.orgId,
        endpointId: endpoint.id,
        license: { status: license.status, expiresAt: license.expiresAt.toISOString() },
      };
    },
  );
}
