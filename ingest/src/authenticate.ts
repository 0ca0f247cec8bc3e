import type { FastifyRequest } from 'fastify';
import { ApiError } from '@kairro/http';
import type { IngestDeps } from './deps.ts';
import type { IngestOrgConfig } from './org-config.ts';
import type { EndpointClaims } from './tokens.ts';

/**
 * Verifies the extension's bearer token (no database query: the token is signed) and takes its
 * org's config from the cache. 401 INVALID_TOKEN when either is missing, so the extension registers
 * again.
 */
export async function authenticate(
  req: FastifyRequest,
  deps: Pick<IngestDeps, 'tokens' | 'configs'>,
): Promise<{ claims: EndpointClaims; config: IngestOrgConfig }> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    throw new ApiError('INVALID_TOKEN', 'Missing "Authorization: Bearer <token>"; register first.');
  const claims = await deps.tokens.verify(match[1]);
  if (!claims) throw new ApiError('INVALID_TOKEN', 'The token is invalid or expired; register again.');
  const config = deps.configs.get(claims.orgId);
  if (!config)
    throw new ApiError('INVALID_TOKEN', 'The organisation of this token no longer exists. Register again.');
  return { claims, config };
}
