export { buildIngestApp } from './app.ts';
export type { IngestDeps } from './deps.ts';
export { createOrgConfigCache } from './org-config-cache.ts';
export type { OrgConfigCache } from './org-config-cache.ts';
export { createTokenService } from './tokens.ts';
export type { TokenService, EndpointClaims } from './tokens.ts';
