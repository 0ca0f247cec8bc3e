import { describe, expect, it } from 'vitest';
import { chTime, resolveHourRange, resolveOpenRange, toIso } from './range.ts';

const now = new Date('2026-11-22T10:30:15.250Z');

describe('resolveOpenRange', () => {
  it('is open on both sides by default', () => {
    expect(resolveOpenRange({}, now)).toEqual({});
  });
  it('counts hours back from now', () => {
    expect(resolveOpenRange({ hours: 2 }, now)).toEqual({ from: new Date('2026-11-22T08:30:15.250Z') });
  });
  it('takes from and to as given', () => {
    expect(resolveOpenRange({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00+01:00' }, now)).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-01T23:00:00Z'),
    });
  });
  it.each([
    [{ hours: 1, from: '2026-11-01T00:00:00Z' }, /either "hours" or "from"/],
    [{ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, /before "to"/],
    [{ from: 'yesterday' }, /not an ISO-8601/],
  ])('refuses %j', (input, message) => {
    expect(() => resolveOpenRange(input, now)).toThrow(message);
  });
});

describe('resolveHourRange', () => {
  it('defaults to the hours before now, widened to whole hours', () => {
    expect(resolveHourRange({}, now, 24)).toEqual({
      from: new Date('2026-11-21T10:00:00Z'),
      to: new Date('2026-11-22T11:00:00Z'),
    });
  });
  it('keeps whole hours as they are', () => {
    const r = resolveHourRange({ from: '2026-11-01T00:00:00Z', to: '2026-11-01T05:00:00Z' }, now, 24);
    expect(r).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-01T05:00:00Z') });
  });
  it('starts the default hours before a given "to"', () => {
    expect(resolveHourRange({ to: '2026-11-01T05:00:00Z' }, now, 2).from).toEqual(
      new Date('2026-11-01T03:00:00Z'),
    );
  });
});

describe('ClickHouse time text', () => {
  it('round-trips', () => {
    expect(chTime(now)).toBe('2026-11-22 10:30:15.250');
    expect(toIso(chTime(now))).toBe('2026-11-22T10:30:15.250Z');
    expect(toIso('2026-11-22T10:30:15.250Z')).toBe('2026-11-22T10:30:15.250Z');
  });
});
