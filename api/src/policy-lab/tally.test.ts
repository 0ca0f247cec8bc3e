import { describe, expect, it } from 'vitest';
import type { Action } from '@kairro/core';
import { roundRobin, tally, type GroupOutcome } from './tally.ts';

const group = (
  events: number,
  user: string,
  tool: string,
  before: Action,
  after: Action,
  alerts: [number, number] = [0, 0],
): GroupOutcome<string> => ({
  events,
  user,
  tool,
  before: { action: before, alerts: alerts[0] },
  after: { action: after, alerts: alerts[1] },
  sample: `${user}/${tool}/${before}>${after}`,
});

describe('tally', () => {
  const outcomes = [
    group(50, 'a@x', 'chatgpt', 'ALLOW', 'ALLOW'),
    group(7, 'a@x', 'chatgpt', 'ALLOW', 'BLOCK'),
    group(5, 'b@x', 'claude', 'ALLOW', 'BLOCK'),
    group(4, 'b@x', 'chatgpt', 'WARN', 'BLOCK'),
    group(3, 'c@x', 'claude', 'ALLOW', 'WARN'),
    group(2, 'c@x', 'gemini', 'BLOCK', 'BLOCK', [0, 1]),
  ];
  const t = tally(outcomes, { top: 2, samples: 4 });

  it('counts events, not groups', () => {
    expect(t.events).toBe(71);
    expect(t.changed).toBe(19);
    expect(t.actions).toEqual({
      before: { ALLOW: 65, WARN: 4, MASK: 0, BLOCK: 2 },
      after: { ALLOW: 50, WARN: 3, MASK: 0, BLOCK: 18 },
    });
    expect(t.alerted).toBe(2);
  });

  it('lists transitions biggest first', () => {
    expect(t.transitions).toEqual([
      { from: 'ALLOW', to: 'BLOCK', events: 12 },
      { from: 'WARN', to: 'BLOCK', events: 4 },
      { from: 'ALLOW', to: 'WARN', events: 3 },
    ]);
  });

  it('ranks users and tools among changed events only, up to `top`', () => {
    expect(t.users).toEqual([
      { user: 'b@x', events: 9 },
      { user: 'a@x', events: 7 },
    ]);
    expect(t.tools).toEqual([
      { tool: 'chatgpt', events: 11 },
      { tool: 'claude', events: 8 },
    ]);
  });

  it('samples every transition before a second of any', () => {
    expect(t.samples.map((s) => s.sample)).toEqual([
      'a@x/chatgpt/ALLOW>BLOCK',
      'b@x/chatgpt/WARN>BLOCK',
      'c@x/claude/ALLOW>WARN',
      'b@x/claude/ALLOW>BLOCK',
    ]);
  });

  it('is empty when nothing changes', () => {
    const none = tally([group(3, 'a@x', 'chatgpt', 'WARN', 'WARN')], { top: 10, samples: 10 });
    expect([none.changed, none.transitions, none.users, none.tools, none.samples]).toEqual([
      0,
      [],
      [],
      [],
      [],
    ]);
  });
});

describe('roundRobin', () => {
  it('takes one of each list in turn up to the limit', () => {
    expect(roundRobin([[1, 2, 3], [4], [5, 6]], 5)).toEqual([1, 4, 5, 2, 6]);
    expect(roundRobin([[1], []], 5)).toEqual([1]);
    expect(roundRobin([], 3)).toEqual([]);
  });
});
