import { describe, expect, it } from 'vitest';
import { fillSeverityTrend, severityBars, trendBucketFor } from './severity-trend.ts';

describe('fillSeverityTrend', () => {
  it('fills every hour of the range and sums the points per severity', () => {
    const rows = fillSeverityTrend({
      from: '2026-01-01T10:00:00.000Z',
      to: '2026-01-01T14:00:00.000Z',
      bucket: 'hour',
      points: [
        { start: '2026-01-01T11:00:00Z', severity: 'HIGH', findings: 2 },
        { start: '2026-01-01T11:00:00Z', severity: 'CRITICAL', findings: 1 },
        { start: '2026-01-01T13:00:00Z', severity: 'LOW', findings: 4 },
      ],
    });
    expect(rows.map((r) => r.start.toISOString().slice(11, 13))).toEqual(['10', '11', '12', '13']);
    expect(rows[1]).toMatchObject({ HIGH: 2, CRITICAL: 1, total: 3 });
    expect(rows[0]?.total).toBe(0);
    expect(rows[3]).toMatchObject({ LOW: 4, total: 4 });
  });

  it('buckets by UTC day and widens the range for points outside it', () => {
    const rows = fillSeverityTrend({
      from: '2026-01-02T05:00:00.000Z',
      to: '2026-01-03T06:00:00.000Z',
      bucket: 'day',
      points: [
        { start: '2026-01-01T00:00:00Z', severity: 'MEDIUM', findings: 1 },
        { start: '2026-01-03T00:00:00Z', severity: 'BOGUS' as never, findings: 9 },
      ],
    });
    expect(rows.map((r) => r.start.toISOString().slice(0, 10))).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
    ]);
    expect(rows.map((r) => r.total)).toEqual([1, 0, 0]);
  });

  it('gives no rows for an unreadable range without points', () => {
    expect(fillSeverityTrend({ from: 'x', to: 'y', bucket: 'hour', points: [] })).toEqual([]);
  });
});

describe('severityBars', () => {
  it('gives one bar per severity, most severe first, with only its own value set', () => {
    const bars = severityBars({ LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 });
    expect(bars.map((b) => b.label)).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
    expect(bars[0]).toEqual({ label: 'CRITICAL', LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 4 });
  });
});

describe('trendBucketFor', () => {
  it('is hourly up to a week and daily beyond', () => {
    expect(trendBucketFor(24)).toBe('hour');
    expect(trendBucketFor(168)).toBe('hour');
    expect(trendBucketFor(720)).toBe('day');
  });
});
