import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom } from '../random.ts';
import { generateCorpus } from './corpus/index.ts';
import { BUILTIN_DETECTORS } from './detectors/index.ts';
import { scanText } from './scan.ts';
import type { Detector } from './types.ts';

/*
 * Every shortcut the engine takes (keyword and digit-density gates, the digit region, anchored
 * matchers and their cheap anchor checks) may only save time, never change a result. The
 * reference runs every built-in's plain pattern over the whole text.
 */
const UNFILTERED: readonly Detector[] = BUILTIN_DETECTORS.map((d) => {
  const { matcher: _matcher, minDigits: _minDigits, ...plain } = d;
  return { ...plain, keywords: [] };
});

const FILLER = [
  'Could you tidy up this paragraph before Friday? ',
  'Die Zahlen für das dritte Quartal fehlen noch. ',
  '来週の会議までに要点をまとめてください。',
  'Version 2.4 shipped on 2024-05-01 with 3 fixes. ',
  '😀 thanks! ',
  'return items.reduce((sum, item) => sum + item.price, 0);\n',
  'key: value, note: see https://example.org/a:b ',
];

/**
 * ASCII without digits: the only digits near a value are its own, and byte offsets are exact, so
 * the digit region is as tight as it gets.
 */
const WORDS_ONLY = FILLER.filter((f) => /^[\x20-\x7e\n]*$/.test(f) && !/\d/.test(f));

function embed(rand: () => number, inner: string, size: number, filler = FILLER): string {
  let before = '';
  while (before.length < size) before += filler[randomInt(rand, 0, filler.length - 1)];
  let after = '';
  while (after.length < size) after += filler[randomInt(rand, 0, filler.length - 1)];
  return before + inner + after;
}

describe('prefilters never change a result', () => {
  it('matches the unfiltered scan on corpus prompts embedded in long mixed text', () => {
    const rand = seededRandom(2026);
    for (const { text } of generateCorpus(11, 600)) {
      const input = embed(rand, text, randomInt(rand, 0, 900));
      expect(scanText(input), input).toEqual(scanText(input, { detectors: UNFILTERED }));
    }
  });

  it('matches the unfiltered scan on every built-in sample embedded in text', () => {
    const rand = seededRandom(4);
    for (const d of BUILTIN_DETECTORS) {
      for (const sample of [...(d.samples?.truePositives ?? []), ...(d.samples?.falsePositives ?? [])]) {
        for (const filler of [FILLER, WORDS_ONLY]) {
          const input = embed(rand, ` ${sample} `, randomInt(rand, 0, 300), filler);
          expect(scanText(input), `${d.id}: ${input}`).toEqual(scanText(input, { detectors: UNFILTERED }));
        }
      }
    }
  });

  it('matches across the index slices of a text longer than 64K characters', () => {
    const rand = seededRandom(9);
    const prompts = generateCorpus(12, 40).map((p) => p.text);
    let input = '';
    while (input.length < 150_000)
      input += embed(rand, prompts[randomInt(rand, 0, prompts.length - 1)]!, 1500);
    expect(scanText(input)).toEqual(scanText(input, { detectors: UNFILTERED }));
  });
});
