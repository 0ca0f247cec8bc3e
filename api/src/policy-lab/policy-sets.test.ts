import { describe, expect, it } from 'vitest';
import { compilePolicies, evaluate, regExpCompiler, type Policy, type PolicyRule } from '@kairro/core';
import { policySets, tokenThresholds, unsimulatableRules, withoutUnsimulatable } from './policy-sets.ts';
import { contextFromStored, dlpFromFindings } from './reconstruct.ts';

const policy = (id: string, over: Partial<Policy> = {}): Policy => ({
  id,
  name: `Policy ${id}`,
  description: '',
  type: 'DLP',
  status: 'ACTIVE',
  scope: 'ORG',
  scopeTargetId: null,
  priority: 100,
  isDefault: false,
  rules: [],
  ...over,
});
const rule = (id: string, over: Partial<PolicyRule>): PolicyRule => ({
  id,
  kind: 'OTHER',
  action: 'BLOCK',
  criteria: {},
  ...over,
});

describe('policySets', () => {
  const saved = [
    policy('b', { priority: 5 }),
    policy('draft', { status: 'DRAFT' }),
    policy('off', { status: 'DISABLED' }),
    policy('a', { priority: 5 }),
  ];

  it('compares the active policies with and without the one tried, in load order', () => {
    const { baseline, candidate } = policySets(saved, policy('draft', { status: 'DRAFT', priority: 1 }));
    expect(baseline.map((p) => p.id)).toEqual(['a', 'b']);
    expect(candidate.map((p) => [p.id, p.status])).toEqual([
      ['draft', 'ACTIVE'],
      ['a', 'ACTIVE'],
      ['b', 'ACTIVE'],
    ]);
  });

  it('replaces the saved version of an active policy with the edits', () => {
    const edited = policy('a', { priority: 5, name: 'Policy a', rules: [rule('r', { kind: 'DLP' })] });
    const { baseline, candidate } = policySets(saved, edited);
    expect(baseline.find((p) => p.id === 'a')!.rules).toEqual([]);
    expect(candidate.filter((p) => p.id === 'a')).toEqual([edited]);
    expect(candidate).toHaveLength(2);
  });
});

describe('rules simulation cannot judge', () => {
  const p = policy('p', {
    rules: [
      rule('r1', { kind: 'DLP', criteria: { minSeverity: 'HIGH' } }),
      rule('r2', { kind: 'DLP', criteria: { regex: { pattern: 'acct-\\d+', target: 'prompt' } } }),
      rule('r3', { criteria: { metadata: [{ key: 'dept', op: 'notEquals', value: 'finance' }] } }),
      rule('r4', { criteria: { regex: { pattern: 'x', target: 'completion' } } }),
      rule('r5', { kind: 'TOKEN_LIMIT', criteria: { maxTokens: 500 } }),
    ],
  });

  it('lists regex and metadata rules with why, by their 1-based index', () => {
    expect(unsimulatableRules([p]).map((n) => [n.ruleIndex, n.reason.split(',')[0]])).toEqual([
      [2, 'its regex needs the prompt text'],
      [3, 'its metadata conditions need the context the extension sent'],
      [4, 'its regex needs the AI’s reply'],
    ]);
  });

  it('keeps them in place but never lets them fire (a missing key would satisfy notEquals)', () => {
    const inert = withoutUnsimulatable(compilePolicies([p], regExpCompiler));
    expect(inert[0]!.rules.map((r) => r.patternError !== undefined)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    const decision = evaluate({
      now: new Date('2026-11-22T10:00:00Z'),
      license: { status: 'ACTIVE', expiresAt: '2027-01-01T00:00:00Z' },
      policies: inert,
      dlp: dlpFromFindings([]),
      context: contextFromStored(
        { user: 'u@x', tool: 'chatgpt', host: 'chatgpt.com', inputType: '', model: '', promptTokens: 10 },
        { tools: [], identities: new Map() },
      ),
    });
    expect(decision.action).toBe('ALLOW');
    expect(decision.policyIds).toEqual([]);
  });

  it('buckets tokens only by the TOKEN_LIMIT thresholds in play', () => {
    const q = policy('q', { rules: [rule('t', { kind: 'TOKEN_LIMIT', criteria: { maxTokens: 100 } })] });
    expect(tokenThresholds([p, q, p])).toEqual([100, 500]);
    expect(tokenThresholds([policy('none')])).toEqual([]);
  });
});
