import { describe, expect, it } from 'vitest';
import type { EventView } from '../api/types.ts';
import { mergeWindow } from './merge.ts';

function event(id: string, minute: number, action: EventView['action'] = 'ALLOW'): EventView {
  return {
    eventId: id,
    occurredAt: new Date(Date.UTC(2025, 2, 10, 12, minute)).toISOString(),
    userEmail: 'a@example.com',
    tool: 'ChatGPT',
    urlHost: 'chatgpt.com',
    action,
    riskLevel: 'NONE',
    matchCount: 0,
    detectors: [],
    promptSnippet: '',
    reasons: [],
  };
}

describe('mergeWindow', () => {
  it('adds new events on top, flags them, and drops the oldest past capacity', () => {
    const current = [event('b', 2), event('a', 1)];
    const { events, freshIds } = mergeWindow(current, [event('d', 4), event('c', 3), event('b', 2)], 3);
    expect(events.map((e) => e.eventId)).toEqual(['d', 'c', 'b']);
    expect(freshIds).toEqual(['d', 'c']);
  });

  it('keeps the incoming version of a known event', () => {
    const { events, freshIds } = mergeWindow([event('a', 1, 'ALLOW')], [event('a', 1, 'BLOCK')], 5);
    expect(events).toHaveLength(1);
    expect(events[0]?.action).toBe('BLOCK');
    expect(freshIds).toEqual([]);
  });
});
