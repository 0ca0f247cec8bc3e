// The Policies list's filter tabs and ordering, kept pure for tests.
import type { Policy } from '../api/policy-types.ts';

export const POLICY_TABS = [
  { key: 'all', label: 'All' },
  { key: 'active', label: 'Active' },
  { key: 'draft', label: 'Draft' },
  { key: 'disabled', label: 'Disabled' },
  { key: 'default', label: 'Default' },
  { key: 'custom', label: 'Custom' },
] as const;
export type PolicyTab = (typeof POLICY_TABS)[number]['key'];

const MATCHES: Record<PolicyTab, (p: Policy) => boolean> = {
  all: () => true,
  active: (p) => p.status === 'ACTIVE',
  draft: (p) => p.status === 'DRAFT',
  disabled: (p) => p.status === 'DISABLED',
  default: (p) => p.isDefault,
  custom: (p) => !p.isDefault,
};

export function parseTab(value: string | null): PolicyTab {
  return POLICY_TABS.find((t) => t.key === value)?.key ?? 'all';
}

export function tabCounts(policies: readonly Policy[]): Record<PolicyTab, number> {
  const counts = Object.fromEntries(POLICY_TABS.map((t) => [t.key, 0])) as Record<PolicyTab, number>;
  for (const p of policies) for (const t of POLICY_TABS) if (MATCHES[t.key](p)) counts[t.key]++;
  return counts;
}

const SCOPE_ORDER = { ORG: 0, TEAM: 1, IDENTITY: 2 } as const;

/** The tab's policies in evaluation order: org, team, identity; priority (lower first); name. */
export function policiesIn(policies: readonly Policy[], tab: PolicyTab): Policy[] {
  return policies
    .filter(MATCHES[tab])
    .sort(
      (a, b) =>
        SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] ||
        a.priority - b.priority ||
        a.name.localeCompare(b.name),
    );
}

/** "Org", "Team · Finance", "Identity · ana@example.com" (or the id when the name is unknown). */
export function scopeLabel(p: Pick<Policy, 'scope' | 'scopeTargetId' | 'scopeTargetName'>): string {
  if (p.scope === 'ORG') return 'Org';
  const word = p.scope === 'TEAM' ? 'Team' : 'Identity';
  const target = p.scopeTargetName ?? p.scopeTargetId;
  return target ? `${word} · ${target}` : word;
}
