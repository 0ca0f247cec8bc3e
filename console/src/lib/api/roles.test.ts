import { describe, expect, it } from 'vitest';
import { hasWriteRole } from './roles.ts';

describe('hasWriteRole', () => {
  it.each([
    ['OWNER', true],
    ['ADMIN', true],
    ['ANALYST', false],
    ['VIEWER', false],
  ])('%s → %s', (role, expected) => {
    expect(hasWriteRole({ role })).toBe(expected);
  });

  it('is false with no user', () => {
    expect(hasWriteRole(null)).toBe(false);
    expect(hasWriteRole(undefined)).toBe(false);
  });
});
