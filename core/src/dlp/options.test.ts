import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS } from './detectors/index.ts';
import { scanText } from './scan.ts';
import { TEST_CARD_NUMBERS } from './test-cards.ts';
import type { Detector } from './types.ts';

describe('scan options', () => {
  it('allowlists values with or without separators, and email domains with subdomains', () => {
    const text = 'card 4111 1111 1111 1111, mail me@eu.acme.com and x@other.io';
    const { matches } = scanText(text, {
      allowlist: { values: TEST_CARD_NUMBERS, emailDomains: ['acme.com'] },
    });
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual(['x@other.io']);
    expect(scanText('me@notacme.com', { allowlist: { emailDomains: ['acme.com'] } }).matches).toHaveLength(1);
  });

  it('skips detectors meant for the other target', () => {
    const onlyResponse: Detector = {
      id: 'resp',
      type: 'CUSTOM_WORD',
      severity: 'LOW',
      keywords: ['zebra'],
      target: 'response',
      matcher: (text) => [[text.indexOf('zebra'), text.indexOf('zebra') + 5]],
    };
    expect(scanText('a zebra', { detectors: [onlyResponse] }).matches).toEqual([]);
    const [m] = scanText('a zebra', { detectors: [onlyResponse], target: 'response' }).matches;
    expect(m).toMatchObject({ detector: 'CUSTOM_WORD', ruleId: 'resp', start: 2, end: 7 });
  });

  it('explains why a finding fired without repeating the value', () => {
    const [m] = scanText('my visa card 4539 1488 0343 6467', { explain: true }).matches;
    expect(m!.why![0]).toBe('rule credit-card matched "#### #### #### ####"');
    expect(m!.why!.join(' ')).not.toContain('4539');
    expect(m!.why).toEqual([
      'rule credit-card matched "#### #### #### ####"',
      'Luhn check passed',
      'issuer Visa',
      'context word "visa" nearby raised confidence to 0.95',
    ]);
    expect(m!.confidence).toBe(0.95);
    expect(scanText('4539 1488 0343 6467').matches[0]!.why).toBeUndefined();
  });

  it('drops findings whose hints lower confidence below 0.5', () => {
    const det: Detector = {
      ...BUILTIN_DETECTORS.find((d) => d.id === 'email')!,
      confidence: 0.6,
      hints: [{ words: ['example'], delta: -0.3 }],
    };
    expect(scanText('an example: a@b.io', { detectors: [det] }).matches).toEqual([]);
    expect(scanText('mail a@b.io', { detectors: [det] }).matches[0]!.confidence).toBe(0.6);
  });
});
