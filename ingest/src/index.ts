export { buildIngestApp } from './app.ts';
export type { IngestDeps } from './deps.ts';
export { createOrgConfigCache } from './org-config-cache.ts';
export type { OrgConfigCache } from './org-config-cache.ts';
export { createTokenService } from './tokens.ts';
export type { TokenService, EndpointClaims } from './tokens.ts';
export {
  compileCustomDetector,
  compileCustomPattern,
  customRuleId,
  CUSTOM_VALIDATOR_NAMES,
  MAX_PATTERN_LENGTH,
} from './custom-detectors.ts';
export type { CustomValidator, PatternCheck } from './custom-detectors.ts';
export type { IngestOrgConfig, OrgDlp } from './org-dlp.ts';
export type { StreamBacklog } from './metrics.ts';
