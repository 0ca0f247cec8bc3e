import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom } from '../random.ts';
import { BUILTIN_DETECTORS } from './detectors/index.ts';
import { prefilter } from './prefilter.ts';
import type { Detector } from './types.ts';

const ALPHABET = 'abcXYZ019 -_.@:+\nÁáé电话आधार😀';
const rule = (keywords: string[], minDigits?: number): Detector => ({
  id: 'k',
  type: 'K',
  severity: 'LOW',
  keywords,
  ...(minDigits === undefined ? {} : { minDigits }),
});

describe('prefilter', () => {
  it('never skips a rule whose keyword is in the text, in any case', () => {
    const rand = seededRandom(31337);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let i = randomInt(rand, 0, 60); i > 0; i--)
        text += ALPHABET[randomInt(rand, 0, ALPHABET.length - 1)];
      const from = randomInt(rand, 0, Math.max(0, text.length - 1));
      const keyword = text.slice(from, from + randomInt(rand, 1, 6)).toLowerCase();
      // Keywords are whole characters: a slice through an emoji is not one.
      if (keyword.length === 0 || /[\uD800-\uDFFF]/.test(keyword)) continue;
      expect(prefilter(text)(rule([keyword])), JSON.stringify([text, keyword])).toBe(true);
    }
  });

  it('skips rules whose keywords are absent and digit rules on digit-poor text', () => {
    expect(prefilter('nothing to see here')(rule(['ghp_', 'xoxb']))).toBe(false);
    expect(prefilter('GHP_ABC')(rule(['ghp_']))).toBe(true);
    expect(prefilter('release 2024, version 1.2')(rule([], 9))).toBe(false);
    expect(prefilter('call 415-555-2671 now')(rule([], 10))).toBe(true);
    // Ten digits spread over more than the window do not count as one number.
    expect(prefilter('1 2 3 4 5 6 7 8 9 0 1 2 3')(rule([], 13))).toBe(false);
  });

  it('lets every built-in run on its own true-positive samples', () => {
    for (const d of BUILTIN_DETECTORS) {
      for (const sample of d.samples?.truePositives ?? [])
        expect(prefilter(sample)(d), `${d.id}: ${sample}`).toBe(true);
    }
  });
});
