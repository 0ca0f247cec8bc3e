import type { Policy, PolicyRule, ToolConfig } from '@kairro/core';
import { DEFAULT_DLP_SETTINGS, type OrgConfig } from '@kairro/postgres';

/** An org config as Postgres would load it, for unit tests; override what the test is about. */
export const orgConfig = (over: Partial<OrgConfig> = {}): OrgConfig => ({
  orgId: 'org-1',
  name: 'Org',
  retentionDays: 400,
  teams: new Map(),
  identities: new Map(),
  dlp: { ...DEFAULT_DLP_SETTINGS },
  customDetectors: [],
  licenses: new Map([['lic-1', { status: 'ACTIVE', expiresAt: '2030-01-01T00:00:00.000Z' }]]),
  policies: [],
  tools: [],
  customTools: [],
  ...over,
});

export const tool = (over: Partial<ToolConfig> & Pick<ToolConfig, 'id'>): ToolConfig => ({
  name: over.id,
  status: 'APPROVED',
  urlPatterns: [`https://${over.id}.example/*`],
  applyPolicies: true,
  action: 'BLOCK',
  severity: 'MEDIUM',
  ...over,
});

export const policy = (
  name: string,
  rules: Array<Omit<PolicyRule, 'id'>>,
  over: Partial<Policy> = {},
): Policy => ({
  id: `policy-${name}`,
  name,
  description: '',
  type: 'OTHER',
  status: 'ACTIVE',
  scope: 'ORG',
  scopeTargetId: null,
  priority: 100,
  isDefault: false,
  rules: rules.map((r, i) => ({ ...r, id: `${name}-rule-${i + 1}` })),
  ...over,
});
