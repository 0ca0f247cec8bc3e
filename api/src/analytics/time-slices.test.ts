import { describe, expect, it } from 'vitest';
import { timeSlices } from './time-slices.ts';

const HOUR = 3_600_000;
const now = new Date('2026-11-22T10:00:00.000Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
const iso = (hours: number) => ago(hours).toISOString();

describe('timeSlices', () => {
  it('covers an open range back from now: last hour (and later), day, week, 30 days, the rest', () => {
    expect([...timeSlices({}, undefined, now)]).toEqual([
      { from: iso(1), to: undefined },
      { from: iso(24), to: iso(1) },
      { from: iso(168), to: iso(24) },
      { from: iso(720), to: iso(168) },
      { from: undefined, to: iso(720) },
    ]);
  });

  it('stops at the range start and keeps its end', () => {
    expect([...timeSlices({ from: ago(30), to: ago(2) }, undefined, now)]).toEqual([
      { from: iso(3), to: iso(2) },
      { from: iso(26), to: iso(3) },
      { from: iso(30), to: iso(26) },
    ]);
  });

  it('starts at the cursor, keeping the open end above it', () => {
    expect([...timeSlices({ from: ago(100) }, ago(50), now)]).toEqual([
      { from: iso(51), to: undefined },
      { from: iso(74), to: iso(51) },
      { from: iso(100), to: iso(74) },
    ]);
  });

  it('is one slice when the range is shorter than an hour', () => {
    expect([...timeSlices({ from: ago(0.5) }, undefined, now)]).toEqual([{ from: iso(0.5), to: undefined }]);
  });
});
