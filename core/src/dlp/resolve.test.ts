import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS } from './detectors/index.ts';
import type { Candidate } from './find.ts';
import { resolveOverlaps } from './resolve.ts';
import type { Detector } from './types.ts';
import type { Severity } from '../policy/types.ts';

const base = BUILTIN_DETECTORS[0]!;
const det = (id: string, severity: Severity): Detector => ({ ...base, id, severity });
const cand = (d: Detector, order: number, start: number, end: number): Candidate => ({
  detector: d,
  order,
  start,
  end,
  confidence: 0.9,
  why: undefined,
});
const ids = (cs: Candidate[]): string[] => cs.map((c) => `${c.detector.id}@${c.start}-${c.end}`);

describe('resolveOverlaps', () => {
  const low = det('low', 'LOW');
  const high = det('high', 'HIGH');

  it.each([
    ['higher severity beats a longer span', [cand(low, 0, 0, 10), cand(high, 1, 2, 4)], ['high@2-4']],
    ['longer span wins at equal severity', [cand(high, 0, 2, 4), cand(high, 1, 0, 10)], ['high@0-10']],
    [
      'earlier detector wins an exact tie',
      [cand(det('b', 'HIGH'), 1, 0, 5), cand(det('a', 'HIGH'), 0, 0, 5)],
      ['a@0-5'],
    ],
    ['adjacent spans both stay', [cand(low, 0, 3, 6), cand(low, 0, 0, 3)], ['low@0-3', 'low@3-6']],
    [
      'a dropped candidate does not shadow others',
      [cand(low, 0, 0, 4), cand(high, 1, 3, 8), cand(low, 0, 8, 9)],
      ['high@3-8', 'low@8-9'],
    ],
  ])('%s', (_name, candidates, expected) => {
    expect(ids(resolveOverlaps(candidates))).toEqual(expected);
  });

  it('returns text order and no two overlapping spans for many random candidates', () => {
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sev: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
    const cs = Array.from({ length: 400 }, (_, i) => {
      const start = Math.floor(rand() * 1000);
      return cand(det(`d${i}`, sev[i % 4]!), i, start, start + 1 + Math.floor(rand() * 30));
    });
    const out = resolveOverlaps(cs);
    for (let i = 1; i < out.length; i++) expect(out[i]!.start).toBeGreaterThanOrEqual(out[i - 1]!.end);
    // Every dropped candidate overlaps a kept one at least as strong.
    for (const c of cs.filter((c) => !out.includes(c))) {
      expect(out.some((k) => k.start < c.end && c.start < k.end)).toBe(true);
    }
  });
});
