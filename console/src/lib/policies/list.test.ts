import { describe, expect, it } from 'vitest';
import type { Policy } from '../api/policy-types.ts';
import { parseTab, policiesIn, scopeLabel, tabCounts } from './list.ts';

const policy = (name: string, patch: Partial<Policy> = {}): Policy => ({
  id: name,
  name,
  description: '',
  type: 'DLP',
  status: 'ACTIVE',
  scope: 'ORG',
  scopeTargetId: null,
  scopeTargetName: null,
  priority: 100,
  isDefault: false,
  rules: [],
  createdAt: '',
  updatedAt: '',
  ...patch,
});

const policies = [
  policy('team', { scope: 'TEAM', priority: 1, scopeTargetId: 't', scopeTargetName: 'Finance' }),
  policy('b-default', { isDefault: true, priority: 20 }),
  policy('a-default', { isDefault: true, priority: 10 }),
  policy('draft', { status: 'DRAFT', priority: 10 }),
  policy('off', { status: 'DISABLED' }),
];

describe('policy tabs', () => {
  it('counts every tab', () => {
    expect(tabCounts(policies)).toEqual({ all: 5, active: 3, draft: 1, disabled: 1, default: 2, custom: 3 });
  });

  it('lists a tab in evaluation order', () => {
    expect(policiesIn(policies, 'all').map((p) => p.name)).toEqual([
      'a-default',
      'draft',
      'b-default',
      'off',
      'team',
    ]);
    expect(policiesIn(policies, 'custom').map((p) => p.name)).toEqual(['draft', 'off', 'team']);
    expect(policiesIn(policies, 'disabled').map((p) => p.name)).toEqual(['off']);
  });

  it('falls back to all for an unknown tab', () => {
    expect(parseTab('draft')).toBe('draft');
    expect(parseTab('nope')).toBe('all');
    expect(parseTab(null)).toBe('all');
  });

  it('labels scopes with their target', () => {
    expect(scopeLabel(policies[0]!)).toBe('Team · Finance');
    expect(scopeLabel(policies[1]!)).toBe('Org');
    expect(scopeLabel({ scope: 'IDENTITY', scopeTargetId: 'i-1', scopeTargetName: null })).toBe(
      'Identity · i-1',
    );
  });
});
