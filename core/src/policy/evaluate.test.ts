import { describe, expect, it } from 'vitest';
import { scanText } from '../dlp/scan.ts';
import type { DlpMatch, DlpResult } from '../dlp/types.ts';
import { summarize } from '../dlp/summary.ts';
import { defaultPolicies } from './defaults.ts';
import { evaluate, type Decision, type EvaluationInput } from './evaluate.ts';
import type { Action, Policy, PolicyStatus, Severity } from './types.ts';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const VALID = { status: 'ACTIVE', expiresAt: '2027-01-01T00:00:00.000Z' } as const;

const DETECTOR: Record<Severity, string> = {
  LOW: 'IP_ADDRESS',
  MEDIUM: 'EMAIL',
  HIGH: 'US_SSN',
  CRITICAL: 'CREDIT_CARD',
};

function dlp(...severities: Severity[]): DlpResult {
  const matches: DlpMatch[] = severities.map((severity, i) => ({
    detector: DETECTOR[severity],
    ruleId: DETECTOR[severity].toLowerCase(),
    severity,
    start: i * 10,
    end: i * 10 + 5,
    snippet: `[${DETECTOR[severity]}]`,
    confidence: 1,
    target: 'prompt',
  }));
  return { matches, summary: summarize(matches) };
}

function policy(
  id: string,
  priority: number,
  rules: Array<[Severity, Action]>,
  status: PolicyStatus = 'ACTIVE',
): Policy {
  return {
    id,
    name: `Policy ${id}`,
    type: 'DLP',
    status,
    priority,
    isDefault: false,
    rules: rules.map(([minSeverity, action], i) => ({ id: `${id}-r${i}`, kind: 'DLP', minSeverity, action })),
  };
}

const run = (partial: Partial<EvaluationInput>): Decision =>
  evaluate({ now: NOW, license: VALID, policies: [], dlp: dlp(), ...partial });

describe('evaluate: license', () => {
  it.each([
    ['revoked', { status: 'REVOKED', expiresAt: '2027-01-01T00:00:00Z' }, /REVOKED/],
    ['marked expired', { status: 'EXPIRED', expiresAt: '2027-01-01T00:00:00Z' }, /EXPIRED/],
    ['past its expiry', { status: 'ACTIVE', expiresAt: '2026-11-01T00:00:00Z' }, /expired at 2026-11-01/],
    ['expiring this very instant', { status: 'ACTIVE', expiresAt: NOW.toISOString() }, /expired/],
    ['with an unreadable expiry', { status: 'ACTIVE', expiresAt: 'soon' }, /not a valid date/],
  ] as const)('blocks everything when the license is %s', (_name, license, reason) => {
    const allowAll = [policy('allow', 1, [['LOW', 'ALLOW']])];
    const d = run({ license, policies: allowAll, dlp: dlp('MEDIUM') });
    expect(d.action).toBe('BLOCK');
    expect(d.riskLevel).toBe('MEDIUM');
    expect(d.policyIds).toEqual([]);
    expect(d.reasons).toHaveLength(1);
    expect(d.reasons[0]).toMatch(reason);
  });

  it('blocks clean text too, with risk NONE', () => {
    const d = run({ license: { status: 'REVOKED', expiresAt: '2027-01-01T00:00:00Z' } });
    expect(d).toMatchObject({ action: 'BLOCK', riskLevel: 'NONE' });
  });
});

describe('evaluate: policies', () => {
  it.each<[string, Policy[], Severity[], Action, string[]]>([
    [
      'the strongest action among matching rules wins',
      [policy('w', 1, [['LOW', 'WARN']]), policy('b', 2, [['HIGH', 'BLOCK']])],
      ['HIGH'],
      'BLOCK',
      ['w', 'b'],
    ],
    [
      'MASK beats WARN',
      [policy('w', 1, [['LOW', 'WARN']]), policy('m', 2, [['LOW', 'MASK']])],
      ['LOW'],
      'MASK',
      ['w', 'm'],
    ],
    [
      'a rule below the threshold does not match',
      [policy('b', 1, [['CRITICAL', 'BLOCK']]), policy('w', 2, [['MEDIUM', 'WARN']])],
      ['HIGH'],
      'WARN',
      ['w'],
    ],
    [
      'an explicit ALLOW rule suppresses the fallback',
      [policy('a', 1, [['LOW', 'ALLOW']])],
      ['CRITICAL'],
      'ALLOW',
      ['a'],
    ],
    ['DRAFT policies are ignored', [policy('d', 1, [['LOW', 'BLOCK']], 'DRAFT')], ['MEDIUM'], 'WARN', []],
    ['DISABLED policies are ignored', [policy('x', 1, [['LOW', 'BLOCK']], 'DISABLED')], ['LOW'], 'ALLOW', []],
    [
      'second rule of one policy can match',
      [
        policy('p', 1, [
          ['CRITICAL', 'BLOCK'],
          ['LOW', 'MASK'],
        ]),
      ],
      ['MEDIUM'],
      'MASK',
      ['p'],
    ],
    ['no findings never match a rule', [policy('b', 1, [['LOW', 'BLOCK']])], [], 'ALLOW', []],
  ])('%s', (_name, policies, severities, action, policyIds) => {
    const d = run({ policies, dlp: dlp(...severities) });
    expect(d.action).toBe(action);
    expect(d.policyIds).toEqual(policyIds);
  });

  it('evaluates in ascending priority, not input order', () => {
    const policies = [policy('late', 20, [['LOW', 'BLOCK']]), policy('early', 10, [['LOW', 'WARN']])];
    const d = run({ policies, dlp: dlp('LOW') });
    expect(d.policyIds).toEqual(['early', 'late']);
    expect(d.reasons[0]).toContain('Policy early');
  });

  it.each<[Severity[], Action, Decision['riskLevel']]>([
    [['CRITICAL'], 'BLOCK', 'CRITICAL'],
    [['HIGH', 'LOW'], 'BLOCK', 'HIGH'],
    [['MEDIUM'], 'WARN', 'MEDIUM'],
    [['LOW'], 'ALLOW', 'LOW'],
    [[], 'ALLOW', 'NONE'],
  ])('falls back for %j → %s', (severities, action, riskLevel) => {
    const d = run({ dlp: dlp(...severities) });
    expect(d).toMatchObject({ action, riskLevel, policyIds: [] });
    expect(d.reasons).toHaveLength(1);
    expect(d.reasons[0]).toContain(`→ ${action}`);
  });
});

describe('evaluate: reasons', () => {
  it('name the policy, the rule, the findings and the threshold', () => {
    const policies = [
      policy('b', 1, [
        ['CRITICAL', 'BLOCK'],
        ['HIGH', 'BLOCK'],
      ]),
    ];
    const d = run({ policies, dlp: dlp('LOW', 'HIGH') });
    expect(d.reasons).toEqual(['Policy "Policy b" rule 2: US_SSN (HIGH) at 10–15 ≥ HIGH → BLOCK']);
  });

  it('list the most severe findings first and count the rest', () => {
    const d = run({
      policies: [policy('w', 1, [['LOW', 'WARN']])],
      dlp: dlp('LOW', 'MEDIUM', 'CRITICAL', 'LOW', 'HIGH'),
    });
    expect(d.reasons[0]).toBe(
      'Policy "Policy w" rule 1: CREDIT_CARD (CRITICAL) at 20–25, US_SSN (HIGH) at 40–45, EMAIL (MEDIUM) at 10–15 (+2 more) ≥ LOW → WARN',
    );
  });

  it('never contain the scanned value', () => {
    const text = 'my card 4111 1111 1111 1111';
    const policies = defaultPolicies().map((p, i) => ({
      ...p,
      id: `p${i}`,
      rules: p.rules.map((r, j) => ({ ...r, id: `p${i}r${j}` })),
    }));
    const d = run({ policies, dlp: scanText(text) });
    expect(d.action).toBe('BLOCK');
    expect(d.reasons.join(' ')).toContain('Block high and critical sensitive data');
    expect(d.reasons.join(' ')).toContain('CREDIT_CARD (CRITICAL) at 8–27');
    expect(d.reasons.join(' ')).not.toContain('4111');
  });
});
