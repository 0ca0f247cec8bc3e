import { describe, expect, it } from 'vitest';
import { licenseProblem } from './license.ts';

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
