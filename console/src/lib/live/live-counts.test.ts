import { describe, expect, it } from 'vitest';
import type { EventView } from '../api/types.ts';
import { fillBuckets } from '../charts/events-over-time.ts';
import { countInSummary, countInTimeline, inWindow } from './live-counts.ts';

const event = (action: EventView['action'], occurredAt: string): EventView => ({
  eventId: 'e',
  occurredAt,
  userEmail: '',
  tool: '',
  urlHost: '',
  action,
  riskLevel: 'NONE',
  matchCount: 0,
  detectors: [],
  promptSnippet: '',
  reasons: [],
});

describe('live counts', () => {
  it('adds a streamed event to the totals', () => {
    const summary = { total: 3, byAction: { ALLOW: 1, WARN: 1, MASK: 0, BLOCK: 1 } };
    expect(countInSummary(summary, event('BLOCK', '2026-01-01T10:00:00Z'))).toEqual({
      total: 4,
      byAction: { ALLOW: 1, WARN: 1, MASK: 0, BLOCK: 2 },
    });
    expect(summary.total).toBe(3);
  });

  it('adds a streamed event to its bucket of the chart', () => {
    const timeline = {
      bucketSeconds: 60,
      buckets: [{ start: '2026-01-01T10:00:00Z', action: 'WARN' as const, count: 2 }],
    };
    const next = countInTimeline(timeline, event('WARN', '2026-01-01T10:00:42Z'));
    const rows = fillBuckets(next, 1, Date.parse('2026-01-01T10:01:00Z'));
    expect(rows.find((r) => r.start.toISOString() === '2026-01-01T10:00:00.000Z')?.WARN).toBe(3);
  });

  it('knows whether an event is inside the range', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(inWindow(event('ALLOW', '2026-01-01T09:30:00Z'), 1, now)).toBe(true);
    expect(inWindow(event('ALLOW', '2026-01-01T08:30:00Z'), 1, now)).toBe(false);
  });
});
