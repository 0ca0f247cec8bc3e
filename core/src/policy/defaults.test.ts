import { describe, expect, it } from 'vitest';
import { defaultPolicies } from './defaults.ts';
import { licenseProblem } from './license.ts';

describe('defaultPolicies', () => {
  it('blocks HIGH+ first and warns on MEDIUM+, both active defaults', () => {
    expect(defaultPolicies()).toEqual([
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
    ]);
  });

  it('returns fresh objects each call', () => {
    const a = defaultPolicies();
    a[0]!.rules[0]!.action = 'ALLOW';
    expect(defaultPolicies()[0]!.rules[0]!.action).toBe('BLOCK');
  });
});

describe('licenseProblem', () => {
  const now = new Date('2026-11-22T10:00:00.000Z');
  it.each([
    [{ status: 'ACTIVE', expiresAt: '2026-11-22T10:00:00.001Z' }, null],
    [
      { status: 'ACTIVE', expiresAt: '2026-11-22T10:00:00.000Z' },
      'License expired at 2026-11-22T10:00:00.000Z',
    ],
    [
      { status: 'ACTIVE', expiresAt: '2026-11-22T11:00:00+02:00' },
      'License expired at 2026-11-22T09:00:00.000Z',
    ],
    [{ status: 'REVOKED', expiresAt: '2030-01-01T00:00:00Z' }, 'License is REVOKED'],
    [{ status: 'EXPIRED', expiresAt: '2030-01-01T00:00:00Z' }, 'License is EXPIRED'],
    [{ status: 'ACTIVE', expiresAt: '' }, 'License expiry "" is not a valid date'],
  ] as const)('%j → %s', (license, expected) => {
    expect(licenseProblem(license, now)).toBe(expected);
  });
});
