import { describe, expect, it } from 'vitest';
import { bucketSecondsFor } from './overview.ts';

describe('bucketSecondsFor', () => {
  it.each([
    [1, 60],
    [24, 1800],
    [24 * 7, 3 * 3600],
    [24 * 60, 86_400],
  ])('%i h → %i s buckets, at most 60 of them', (hours, bucket) => {
    expect(bucketSecondsFor(hours)).toBe(bucket);
    expect((hours * 3600) / bucketSecondsFor(hours)).toBeLessThanOrEqual(60);
  });

  it('stays daily beyond 60 days', () => {
    expect(bucketSecondsFor(24 * 90)).toBe(86_400);
  });
});
