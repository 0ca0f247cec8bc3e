import { describe, expect, it } from 'vitest';
import { generateCorpus, type Label } from './corpus/index.ts';
import { scanText } from './scan.ts';
import { BUILTIN_DETECTORS } from './detectors/index.ts';

/**
 * Precision and recall per type on the generated, labelled corpus. A finding counts only with the
 * exact type and span of a label. Every type the engine ships must reach 0.99 on both; types the
 * corpus labels before the engine knows them are reported but not asserted.
 */
const CORPUS = generateCorpus(20261122, 3600);
const BAR = 0.99;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  failures: string[];
}

const key = (l: Label): string => `${l.type}:${l.start}:${l.end}`;

function excerpt(text: string, l: Label): string {
  const around = text.slice(Math.max(0, l.start - 30), Math.min(text.length, l.end + 30));
  return JSON.stringify(around.length > 200 ? around.slice(0, 200) + '…' : around);
}

function evaluate(): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const tally = (type: string): Tally => {
    let t = tallies.get(type);
    if (!t) tallies.set(type, (t = { tp: 0, fp: 0, fn: 0, failures: [] }));
    return t;
  };
  for (const [i, prompt] of CORPUS.entries()) {
    const found: Label[] = scanText(prompt.text).matches.map((m) => ({
      type: m.detector,
      start: m.start,
      end: m.end,
    }));
    const expected = new Set(prompt.labels.map(key));
    const got = new Set(found.map(key));
    for (const l of prompt.labels) {
      const t = tally(l.type);
      if (got.has(key(l))) t.tp++;
      else {
        t.fn++;
        const near = found.filter((f) => f.start < l.end && f.end > l.start).map(key);
        t.failures.push(
          `#${i} ${prompt.kind} missed ${key(l)} ${excerpt(prompt.text, l)} found ${JSON.stringify(near)}`,
        );
      }
    }
    for (const f of found) {
      if (expected.has(key(f))) continue;
      const t = tally(f.type);
      t.fp++;
      t.failures.push(
        `#${i} ${prompt.kind} spurious ${key(f)} ${excerpt(prompt.text, f)} value ${JSON.stringify(prompt.text.slice(f.start, f.end))}`,
      );
    }
  }
  return tallies;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

describe('evaluation corpus', () => {
  it('is large and varied, with labels inside the text', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(3000);
    expect(new Set(CORPUS.map((p) => p.kind)).size).toBeGreaterThanOrEqual(6);
    expect(
      CORPUS.every((p) => p.labels.every((l) => l.start >= 0 && l.end <= p.text.length && l.start < l.end)),
    ).toBe(true);
    expect(CORPUS.some((p) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(p.text) && p.labels.length > 0)).toBe(true);
    expect(generateCorpus(20261122, 50)).toEqual(CORPUS.slice(0, 50));
  });

  it(`reaches precision and recall ≥ ${BAR} for every type the engine ships`, () => {
    const tallies = evaluate();
    const rows = [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b));
    const shipped = new Set<string>(BUILTIN_DETECTORS.map((d) => d.type));
    console.log(
      [
        'type              labels   found      tp    fp    fn  precision  recall',
        ...rows.map(([type, t]) =>
          [
            type.padEnd(16),
            String(t.tp + t.fn).padStart(7),
            String(t.tp + t.fp).padStart(7),
            String(t.tp).padStart(7),
            String(t.fp).padStart(5),
            String(t.fn).padStart(5),
            ratio(t.tp, t.tp + t.fp)
              .toFixed(4)
              .padStart(10),
            ratio(t.tp, t.tp + t.fn)
              .toFixed(4)
              .padStart(7),
            shipped.has(type) ? '' : '  (not shipped: not asserted)',
          ].join(' '),
        ),
      ].join('\n'),
    );
    const failing = rows.filter(
      ([type, t]) => shipped.has(type) && (ratio(t.tp, t.tp + t.fp) < BAR || ratio(t.tp, t.tp + t.fn) < BAR),
    );
    for (const [type, t] of rows.filter(([, t]) => t.failures.length > 0)) {
      console.log(`${type}: ${t.failures.length} failures\n  ${t.failures.slice(0, 15).join('\n  ')}`);
    }
    expect(failing.map(([type]) => type)).toEqual([]);
    // A shipped type without labelled samples would pass vacuously: the corpus must cover it.
    const thin = [...shipped].filter(
      (type) => (tallies.get(type)?.tp ?? 0) + (tallies.get(type)?.fn ?? 0) < 100,
    );
    expect(thin, 'shipped types with fewer than 100 labelled samples').toEqual([]);
  });
});
