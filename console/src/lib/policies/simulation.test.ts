import { describe, expect, it } from 'vitest';
import { newlyRestricted, simulationHeadline, transitionRows } from './simulation.ts';

const transitions = [
  { from: 'ALLOW', to: 'BLOCK', events: 5 },
  { from: 'WARN', to: 'BLOCK', events: 2 },
  { from: 'ALLOW', to: 'WARN', events: 1 },
] as const;

describe('simulation shaping', () => {
  it('makes one bar per transition, keyed by the action it moves to', () => {
    expect(transitionRows(transitions)).toEqual([
      { label: 'ALLOW → BLOCK', ALLOW: 0, WARN: 0, MASK: 0, BLOCK: 5 },
      { label: 'WARN → BLOCK', ALLOW: 0, WARN: 0, MASK: 0, BLOCK: 2 },
      { label: 'ALLOW → WARN', ALLOW: 0, WARN: 1, MASK: 0, BLOCK: 0 },
    ]);
  });

  it('counts events newly restricted from ALLOW', () => {
    expect(newlyRestricted(transitions)).toBe(6);
    expect(newlyRestricted([])).toBe(0);
  });

  it.each([
    [{ events: 0, changed: 0, days: 7 }, 'No events in the last 7 days to simulate.'],
    [{ events: 40, changed: 0, days: 1 }, 'None of 40 events in the last day would change.'],
    [{ events: 40, changed: 3, days: 30 }, '3 of 40 events in the last 30 days (7.5%) would change.'],
  ])('headline %j', (r, text) => {
    expect(simulationHeadline(r)).toBe(text);
  });
});
