import type { DlpPolicyRule, Policy } from './types.ts';

export type NewPolicy = Omit<Policy, 'id' | 'rules'> & { rules: Array<Omit<DlpPolicyRule, 'id'>> };

/** The policies a new organisation starts with; fresh objects on every call so callers may mutate. */
export function defaultPolicies(): NewPolicy[] {
  return [
    {
      name: 'Block high and critical sensitive data',
      type: 'DLP',
      status: 'ACTIVE',
      priority: 10,
      isDefault: true,
      rules: [{ kind: 'DLP', minSeverity: 'HIGH', action: 'BLOCK' }],
    },
    {
      name: 'Warn on medium sensitive data',
      type: 'DLP',
      status: 'ACTIVE',
      priority: 20,
      isDefault: true,
      rules: [{ kind: 'DLP', minSeverity: 'MEDIUM', action: 'WARN' }],
    },
  ];
}
