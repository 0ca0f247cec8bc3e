import { describe, expect, it } from 'vitest';
import type { Policy } from '../api/policy-types.ts';
import {
  emptyPolicy,
  emptyRule,
  formToBody,
  hasAdvanced,
  moveRule,
  policyToForm,
  ruleHint,
  ruleIndexFromMessage,
  ruleToBody,
  splitItems,
  type RuleForm,
} from './form.ts';

const rule = (patch: Partial<RuleForm>): RuleForm => ({ ...emptyRule(patch.kind), ...patch });

describe('ruleToBody', () => {
  it('omits empty optional fields', () => {
    expect(ruleToBody(rule({ kind: 'DLP', minSeverity: 'HIGH', action: 'BLOCK' }))).toEqual({
      kind: 'DLP',
      action: 'BLOCK',
      criteria: { minSeverity: 'HIGH' },
    });
  });

  it.each([
    [
      'DLP keeps severity, detectors and regex',
      rule({
        kind: 'DLP',
        minSeverity: 'MEDIUM',
        detectors: ['EMAIL'],
        regexPattern: 'secret',
        regexCaseInsensitive: true,
        tools: ['chatgpt'],
        maxTokens: '10',
      }),
      {
        minSeverity: 'MEDIUM',
        detectors: ['EMAIL'],
        regex: { pattern: 'secret', target: 'prompt', caseInsensitive: true },
      },
    ],
    [
      'DENY_TOOLS keeps tools only',
      rule({ kind: 'DENY_TOOLS', tools: ['deepseek'], minSeverity: 'HIGH', domains: 'x.com' }),
      { tools: ['deepseek'] },
    ],
    [
      'DOMAIN_RESTRICTION splits domains on lines and commas',
      rule({ kind: 'DOMAIN_RESTRICTION', domains: 'pastebin.com\n *.evil.io , \n' }),
      { domains: ['pastebin.com', '*.evil.io'] },
    ],
    ['TOKEN_LIMIT parses maxTokens', rule({ kind: 'TOKEN_LIMIT', maxTokens: ' 4000 ' }), { maxTokens: 4000 }],
    [
      'TOKEN_LIMIT leaves junk for the API to refuse',
      rule({ kind: 'TOKEN_LIMIT', maxTokens: '4k' }),
      { maxTokens: NaN },
    ],
    [
      'OTHER keeps regex and advanced criteria',
      rule({
        kind: 'OTHER',
        regexPattern: 'x',
        regexTarget: 'both',
        inputTypes: ['paste'],
        models: 'gpt-4*, claude*',
        metadata: [
          { key: 'department', op: 'in', value: 'finance, legal' },
          { key: 'vip', op: 'exists', value: 'ignored' },
          { key: ' ', op: 'equals', value: 'dropped' },
          { key: 'region', op: 'equals', value: 'eu' },
        ],
      }),
      {
        regex: { pattern: 'x', target: 'both' },
        inputTypes: ['paste'],
        models: ['gpt-4*', 'claude*'],
        metadata: [
          { key: 'department', op: 'in', value: ['finance', 'legal'] },
          { key: 'vip', op: 'exists' },
          { key: 'region', op: 'equals', value: 'eu' },
        ],
      },
    ],
  ])('%s', (_name, form, criteria) => {
    expect(ruleToBody(form).criteria).toEqual(criteria);
  });

  it('keeps the rule id, severity and a trimmed description', () => {
    expect(ruleToBody(rule({ id: 'r-1', severity: 'LOW', description: ' why ', minSeverity: '' }))).toEqual({
      id: 'r-1',
      kind: 'DLP',
      action: 'BLOCK',
      severity: 'LOW',
      description: 'why',
      criteria: {},
    });
  });
});

describe('formToBody', () => {
  it('parses the priority and drops the target of an org policy', () => {
    const form = { ...emptyPolicy(), name: ' No DeepSeek ', priority: '5', scopeTargetId: 'team-1' };
    const body = formToBody(form);
    expect(body).toMatchObject({ name: 'No DeepSeek', priority: 5, scope: 'ORG', scopeTargetId: null });
    expect(body.rules).toHaveLength(1);
  });

  it.each([
    [7, 7],
    [null, 100],
    ['', 100],
    [2.5, NaN],
  ])('reads the priority %j (a number input binds numbers) as %j', (priority, expected) => {
    expect(formToBody({ ...emptyPolicy(), priority }).priority).toBe(expected);
  });

  it('keeps the target of a team policy', () => {
    expect(formToBody({ ...emptyPolicy(), scope: 'TEAM', scopeTargetId: 't1' }).scopeTargetId).toBe('t1');
    expect(formToBody({ ...emptyPolicy(), scope: 'TEAM', scopeTargetId: '' }).scopeTargetId).toBeNull();
  });

  it('round-trips a saved policy', () => {
    const policy: Policy = {
      id: 'p1',
      name: 'P',
      description: 'd',
      type: 'SHADOW_AI',
      status: 'ACTIVE',
      scope: 'IDENTITY',
      scopeTargetId: 'i1',
      scopeTargetName: 'ana@example.com',
      priority: 7,
      isDefault: false,
      rules: [
        {
          id: 'r1',
          kind: 'OTHER',
          action: 'WARN',
          description: 'Long answers',
          criteria: {
            regex: { pattern: 'a', target: 'completion' },
            metadata: [{ key: 'k', op: 'in', value: ['a', 'b'] }],
            models: ['gpt*'],
          },
        },
        {
          id: 'r2',
          kind: 'TOKEN_LIMIT',
          action: 'ALERT',
          severity: 'LOW',
          description: '',
          criteria: { maxTokens: 1 },
        },
      ],
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
    };
    const { id: _id, isDefault: _d, scopeTargetName: _n, createdAt: _c, updatedAt: _u, ...input } = policy;
    const { description: _none, ...second } = input.rules[1]!;
    expect(formToBody(policyToForm(policy))).toEqual({ ...input, rules: [input.rules[0], second] });
  });
});

describe('moveRule', () => {
  it.each([
    [1, -1, ['b', 'a', 'c']],
    [1, 1, ['a', 'c', 'b']],
    [0, -1, ['a', 'b', 'c']],
    [2, 1, ['a', 'b', 'c']],
  ] as const)('moves index %i by %i', (index, by, expected) => {
    expect(moveRule(['a', 'b', 'c'], index, by)).toEqual(expected);
  });
});

describe('hints', () => {
  it('names what a rule of its kind is missing', () => {
    expect(ruleHint(rule({ kind: 'DENY_TOOLS' }))).toMatch(/tool/);
    expect(ruleHint(rule({ kind: 'DENY_TOOLS', tools: ['x'] }))).toBeNull();
    expect(ruleHint(rule({ kind: 'DLP', minSeverity: '' }))).toMatch(/severity/);
    expect(ruleHint(rule({ kind: 'TOKEN_LIMIT', maxTokens: 'abc' }))).toMatch(/token/);
    expect(ruleHint(rule({ kind: 'OTHER', models: 'gpt*' }))).toBeNull();
  });

  it('opens advanced matching when an advanced criterion is set', () => {
    expect(hasAdvanced(rule({ kind: 'DLP', regexPattern: 'x' }))).toBe(false);
    expect(hasAdvanced(rule({ kind: 'DENY_TOOLS', regexPattern: 'x' }))).toBe(true);
    expect(hasAdvanced(rule({ kind: 'DLP', inputTypes: ['file'] }))).toBe(true);
  });

  it.each([
    ['body/rules/1/criteria/regex/pattern: invalid', 1],
    ['rules[0].criteria: bad', 0],
    ['rule 3: INVALID_PATTERN missing )', 2],
    ['name must not be empty', null],
  ])('finds the rule in %j', (message, index) => {
    expect(ruleIndexFromMessage(message)).toBe(index);
  });

  it('splits lists', () => {
    expect(splitItems(' a, b\n\nc ,')).toEqual(['a', 'b', 'c']);
  });
});
