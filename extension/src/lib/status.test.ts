import { describe, expect, it } from 'vitest';
import { INITIAL_STATUS, isStatus, presentStatus, tokenNeedsRenewal } from './status.ts';

const now = new Date('2026-03-01T12:00:00.000Z');
const hours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();

describe('tokenNeedsRenewal', () => {
  it.each([
    ['no expiry', null, true],
    ['an unreadable expiry', 'soon', true],
    ['already expired', hours(-1), true],
    ['expiring in an hour', hours(1), true],
    ['expiring in exactly a day', hours(24), true],
    ['expiring in a day and a minute', new Date(now.getTime() + 24 * 3600_000 + 60_000).toISOString(), false],
    ['expiring in 30 days', hours(30 * 24), false],
  ])('%s → %s', (_name, expiresAt, expected) => {
    expect(tokenNeedsRenewal(expiresAt, now)).toBe(expected);
  });
});

describe('presentStatus', () => {
  it.each([
    ['protected', 'Protected', 'good'],
    ['degraded', 'Degraded', 'warn'],
    ['unlicensed', 'Unlicensed', 'bad'],
    ['unconfigured', 'Not configured', 'idle'],
  ] as const)('%s', (state, label, tone) => {
    expect(presentStatus(state)).toEqual({ label, tone });
  });
});

describe('isStatus', () => {
  it.each([
    [INITIAL_STATUS, true],
    [{ state: 'protected', message: 'ok', orgId: 'o' }, true],
    [{ state: 'happy', message: 'ok' }, false],
    [{ state: 'protected' }, false],
    [undefined, false],
    ['protected', false],
  ])('%j → %s', (value, expected) => {
    expect(isStatus(value)).toBe(expected);
  });
});
