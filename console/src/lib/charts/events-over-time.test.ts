import { describe, expect, it } from 'vitest';
import { fillBuckets, maxStack, stackRows } from './events-over-time.ts';
import type { EventsOverTime } from '../api/types.ts';

const now = new Date('2025-03-10T12:34:56Z');
const nowMs = now.getTime();

describe('fillBuckets', () => {
  it('returns one zeroed row per bucket when there are no events', () => {
    const rows = fillBuckets({ bucketSeconds: 3600, buckets: [] }, 24, nowMs);
    expect(rows).toHaveLength(24);
    expect(rows[0]?.start.toISOString()).toBe('2025-03-09T13:00:00.000Z');
    expect(rows.at(-1)?.start.toISOString()).toBe('2025-03-10T12:00:00.000Z');
    expect(rows.every((r) => r.total === 0 && r.ALLOW === 0 && r.BLOCK === 0)).toBe(true);
  });

  it('fills missing buckets and actions with zero and keeps counts per action', () => {
    const response: EventsOverTime = {
      bucketSeconds: 300,
      buckets: [
        { start: '2025-03-10T12:00:00Z', action: 'ALLOW', count: 4 },
        { start: '2025-03-10T12:00:00Z', action: 'BLOCK', count: 1 },
        { start: '2025-03-10T12:30:00Z', action: 'MASK', count: 2 },
      ],
    };
    const rows = fillBuckets(response, 1, nowMs);
    expect(rows).toHaveLength(12);
    const at = (iso: string) => rows.find((r) => r.start.toISOString() === iso);
    expect(at('2025-03-10T12:00:00.000Z')).toMatchObject({ ALLOW: 4, WARN: 0, MASK: 0, BLOCK: 1, total: 5 });
    expect(at('2025-03-10T12:30:00.000Z')).toMatchObject({ MASK: 2, total: 2 });
    expect(at('2025-03-10T12:05:00.000Z')).toMatchObject({ total: 0 });
    // Evenly spaced, oldest first.
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.start.getTime() - rows[i - 1]!.start.getTime()).toBe(300_000);
    }
  });

  it('aligns unaligned starts and merges them into their bucket', () => {
    const rows = fillBuckets(
      {
        bucketSeconds: 3600,
        buckets: [
          { start: '2025-03-10T11:00:00.000Z', action: 'WARN', count: 1 },
          { start: '2025-03-10T11:59:59.000Z', action: 'WARN', count: 2 },
        ],
      },
      3,
      nowMs,
    );
    expect(rows.map((r) => r.WARN)).toEqual([0, 3, 0]);
  });

  it('widens the window for buckets outside it instead of dropping them', () => {
    const rows = fillBuckets(
      { bucketSeconds: 3600, buckets: [{ start: '2025-03-10T13:00:00Z', action: 'ALLOW', count: 7 }] },
      2,
      nowMs,
    );
    expect(rows.map((r) => r.start.toISOString())).toEqual([
      '2025-03-10T11:00:00.000Z',
      '2025-03-10T12:00:00.000Z',
      '2025-03-10T13:00:00.000Z',
    ]);
    expect(rows.at(-1)?.ALLOW).toBe(7);
  });

  it('ignores unknown actions and bad timestamps, and rejects a non-positive bucket size', () => {
    const rows = fillBuckets(
      {
        bucketSeconds: 3600,
        buckets: [
          { start: 'nope', action: 'ALLOW', count: 1 },
          { start: '2025-03-10T12:00:00Z', action: 'DENY' as never, count: 1 },
        ],
      },
      1,
      nowMs,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.total).toBe(0);
    expect(fillBuckets({ bucketSeconds: 0, buckets: [] }, 1, nowMs)).toEqual([]);
  });
});

describe('stackRows', () => {
  it('stacks ALLOW, WARN, MASK, BLOCK bottom-up', () => {
    const [row] = stackRows([{ start: now, ALLOW: 3, WARN: 1, MASK: 0, BLOCK: 2, total: 6 }]);
    expect(row?.segments).toEqual([
      { action: 'ALLOW', y0: 0, y1: 3 },
      { action: 'WARN', y0: 3, y1: 4 },
      { action: 'MASK', y0: 4, y1: 4 },
      { action: 'BLOCK', y0: 4, y1: 6 },
    ]);
    expect(row?.total).toBe(6);
  });

  it('reports the tallest stack', () => {
    expect(maxStack([])).toBe(0);
    expect(
      maxStack([
        { start: now, ALLOW: 1, WARN: 1, MASK: 1, BLOCK: 1, total: 4 },
        { start: now, ALLOW: 9, WARN: 0, MASK: 0, BLOCK: 0, total: 9 },
      ]),
    ).toBe(9);
  });
});
