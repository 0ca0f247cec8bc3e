export { connectPostgres, ensureDatabase, inTransaction } from './connect.ts';
export type { Sql } from './connect.ts';
export { startEmbeddedPostgres, stopOrphanedPostmaster } from './embedded.ts';
export type { RunningPostgres } from './embedded.ts';
export { migratePostgres, POSTGRES_MIGRATIONS_DIR } from './migrate.ts';
export { seedDemoOrg } from './seed.ts';
export type { DemoCredentials } from './seed.ts';
export { ensureTokenSecret } from './queries/installation.ts';
export { createLicense, findLicenseByKey, setLicenseStatus, hashSecret } from './queries/licenses.ts';
export type { LicenseRow, LicenseStatus } from './queries/licenses.ts';
export { registerEndpoint } from './queries/endpoints.ts';
export type { RegisteredEndpoint } from './queries/endpoints.ts';
export { createOrg, getRetentionDays, setRetentionDays } from './queries/orgs.ts';
export { ensureDefaultPolicies, ensureDefaultTools, ensureOrgDefaults } from './queries/defaults.ts';
export {
  deletePolicy,
  DuplicatePolicyNameError,
  getPolicy,
  getPolicyByName,
  insertPolicy,
  listPolicies,
  policiesScopedTo,
  policiesUsingTool,
  scopeTargetNames,
  selectPolicies,
  updatePolicy,
} from './queries/policies.ts';
export type { PolicyInput, PolicyRow, RuleInput } from './queries/policies.ts';
export {
  deleteTool,
  DuplicateToolError,
  getTool,
  insertTool,
  listTools,
  selectTools,
  toolKeys,
  updateTool,
} from './queries/ai-tools.ts';
export type { ToolRow } from './queries/ai-tools.ts';
export {
  deleteCustomTool,
  dismissHost,
  DuplicateCustomToolError,
  getAttributeOverrides,
  getCustomTool,
  insertCustomTool,
  listAttributeOverrides,
  listCustomTools,
  listDismissedHosts,
  putAttributeOverrides,
  selectCustomToolPatterns,
  undismissHost,
} from './queries/shadow-ai.ts';
export type {
  AttributeOverride,
  AttributeOverrides,
  CustomToolInput,
  CustomToolPatterns,
  CustomToolRow,
} from './queries/shadow-ai.ts';
export {
  createTeam,
  deleteTeam,
  DuplicateTeamError,
  findTeamByName,
  getTeam,
  listTeams,
  renameTeam,
} from './queries/teams.ts';
export type { TeamRow } from './queries/teams.ts';
export { findIdentityByEmail, getIdentity, listIdentities, setIdentityTeam } from './queries/identities.ts';
export type { IdentityFilter, IdentityRow } from './queries/identities.ts';
export { appendAudit, AUDIT_CHANGES, AUDIT_ENTITY_TYPES, listAudit } from './queries/audit.ts';
export type { AuditChange, AuditEntityType, AuditEntry, AuditFilter, AuditRow } from './queries/audit.ts';
export { createUser, findUserByEmail } from './queries/users.ts';
export type { Role, UserRow } from './queries/users.ts';
export { createSession, findSessionUser, deleteSession } from './queries/sessions.ts';
export type { SessionUser } from './queries/sessions.ts';
export { loadOrgConfigs, listenForConfigChanges } from './queries/org-config.ts';
export type { OrgConfig } from './queries/org-config.ts';
export {
  createCustomDetector,
  deleteCustomDetector,
  DuplicateDetectorNameError,
  findCustomDetector,
  listCustomDetectors,
  updateCustomDetector,
} from './queries/custom-detectors.ts';
export type { CustomDetectorInput, CustomDetectorRow, DetectorTarget } from './queries/custom-detectors.ts';
export { DEFAULT_DLP_SETTINGS, getDlpSettings, LOG_LEVELS, putDlpSettings } from './queries/dlp-settings.ts';
export type { DlpSettings, LogLevel } from './queries/dlp-settings.ts';
