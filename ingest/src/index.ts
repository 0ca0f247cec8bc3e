export { buildIngestApp } from './app.ts';
export type { IngestDeps } from './deps.ts';
export { createOrgConfigCache } from './org-config-cache.ts';
export type { OrgConfigCache } from './org-config-cache.ts';
export { createEventIdGenerator } from './event-ids.ts';
export { defaultDecisionThreads } from './decider.ts';
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
export { compileOrgConfig, type IngestOrgConfig } from './org-config.ts';
export type { OrgDlp } from './org-dlp.ts';
export { compileOrgPolicy, re2Compiler, type ExtensionPolicy, type OrgPolicy } from './org-policy.ts';
export { evaluationContext, type EvaluationRequest } from './context.ts';
export type { StreamBacklog } from './metrics.ts';
