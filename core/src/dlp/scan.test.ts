import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS } from './detectors/index.ts';
import { scanText } from './scan.ts';
import type { Detector } from './types.ts';

const CARD = '4111 1111 1111 1111';
const KEY = 'sk-proj-' + 'Hq3Zt8LmR2xV7nWp4KbY9cJd1FsG6aEo5UiT0rQw_ZyXkMnB';

describe('scanText spans', () => {
  it.each([
    ['ascii', 'card: '],
    ['emoji (surrogate pairs)', '😀👍🏽 card: '],
    ['CJK', '我的信用卡号是 '],
    ['combining marks and RTL', 'é\u0301 שלום '],
  ])('offsets are JS string indices after %s', (_name, prefix) => {
    const text = `${prefix}${CARD} and mail bob@acme.io`;
    const { matches } = scanText(text);
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual([CARD, 'bob@acme.io']);
    expect(matches[0]!.start).toBe(prefix.length);
  });

  it('returns matches sorted by start regardless of detector order', () => {
    const text = `ip 10.0.0.1 then ssn 123-45-6789 then ${CARD}`;
    const starts = scanText(text).matches.map((m) => m.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(scanText(text).matches.map((m) => m.detector)).toEqual(['IP_ADDRESS', 'US_SSN', 'CREDIT_CARD']);
  });

  it('reports a key assigned to a secret-named variable once, under the provider rule', () => {
    const { matches } = scanText(`OPENAI_API_KEY="${KEY}"`);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ ruleId: 'openai-key', start: 16, end: 16 + KEY.length });
  });

  it('resolves overlaps by severity, then length', () => {
    const low: Detector = {
      id: 'low-wide',
      type: 'IP_ADDRESS',
      severity: 'LOW',
      keywords: [],
      pattern: /abcdefgh/g,
      samples: { truePositives: [], falsePositives: [] },
    };
    const high: Detector = { ...low, id: 'high-narrow', type: 'US_SSN', severity: 'HIGH', pattern: /cde/g };
    const highLong: Detector = { ...high, id: 'high-long', pattern: /cdef/g };
    const { matches } = scanText('xx abcdefgh', { detectors: [low, high, highLong] });
    expect(matches.map((m) => [m.ruleId, m.start, m.end])).toEqual([['high-long', 5, 9]]);
  });

  it('labels the target', () => {
    expect(scanText(`x ${CARD}`, { target: 'response' }).matches[0]!.target).toBe('response');
    expect(scanText(`x ${CARD}`).matches[0]!.target).toBe('prompt');
  });

  it('returns an empty result for clean text', () => {
    expect(scanText('Summarise this meeting for me, please.')).toEqual({
      matches: [],
      summary: { maxSeverity: null, totalMatches: 0, highOrAbove: 0, critical: 0, detectors: [] },
    });
  });
});

describe('scanText summary', () => {
  it('counts by severity and lists distinct detector types', () => {
    const text = `a@b.io c@d.io 123-45-6789 ${CARD} 8.8.8.8`;
    expect(scanText(text).summary).toEqual({
      maxSeverity: 'CRITICAL',
      totalMatches: 5,
      highOrAbove: 2,
      critical: 1,
      detectors: ['CREDIT_CARD', 'EMAIL', 'IP_ADDRESS', 'US_SSN'],
    });
  });
});

describe('keyword prefilter', () => {
  it('does not run a detector whose keywords are absent', () => {
    let calls = 0;
    const counting: Detector = {
      ...BUILTIN_DETECTORS[0]!,
      id: 'counting',
      keywords: ['card'],
      minDigits: undefined,
      pattern: /\d+/g,
      validate: () => ++calls > 0,
    };
    expect(scanText('order 42', { detectors: [counting] }).matches).toEqual([]);
    expect(calls).toBe(0);
    expect(scanText('CARD 42', { detectors: [counting] }).matches).toHaveLength(1);
    expect(calls).toBe(1);
  });

  it('does not share regex state between scans', () => {
    const text = `${CARD} ${CARD}`;
    expect(scanText(text).matches).toHaveLength(2);
    expect(scanText(text).matches).toHaveLength(2);
    expect(BUILTIN_DETECTORS.every((d) => d.pattern?.lastIndex === 0)).toBe(true);
  });
});

describe('snippets', () => {
  const secrets = [
    CARD,
    '4111111111111111',
    KEY,
    'AKIA' + 'Z7QH3LMB2VXRK5TD',
    'q7Vd9Lx2Rk8mZt4Wp1Nb',
    '123-45-6789',
    'jane.doe@example.com',
    '192.168.1.254',
  ];
  const text =
    `😀 Please debug: card ${CARD}, backup 4111111111111111; key ${KEY}\n\n` +
    `aws AKIA${'Z7QH3LMB2VXRK5TD'} api_key = "q7Vd9Lx2Rk8mZt4Wp1Nb" ssn 123-45-6789 ` +
    `mail jane.doe@example.com host 192.168.1.254 end`;
  const { matches } = scanText(text);

  it('finds every planted value', () => {
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual(secrets);
  });

  it.each(secrets)('no snippet contains %s or a long piece of it', (secret) => {
    for (const m of matches) {
      expect(m.snippet).not.toContain(secret);
      // Fragments too: a window edge cutting a neighbouring finding must not leak half of it.
      for (let i = 0; i + 6 <= secret.length; i++) expect(m.snippet).not.toContain(secret.slice(i, i + 6));
    }
  });

  it('shows the finding as its label with context, whitespace collapsed', () => {
    const ssn = matches.find((m) => m.detector === 'US_SSN')!;
    expect(ssn.snippet).toBe('…[API_KEY_LIKE]" ssn [US_SSN] mail [EMAIL]…');
    expect(matches.every((m) => !/\s{2,}|\n/.test(m.snippet))).toBe(true);
  });
});

describe('business-id context words', () => {
  const card = '4539 1488 0343 6467';
  const confidence = (text: string) =>
    scanText(text).matches.find((m) => m.detector === 'CREDIT_CARD')?.confidence;

  it('lower a card number labelled as a reference', () => {
    expect(confidence(`ref: ${card}`)).toBeLessThan(confidence(`card ${card}`)!);
  });

  it('do not fire inside longer words such as "refund"', () => {
    expect(confidence(`please refund card ${card}`)).toBe(confidence(`please card ${card}`));
  });
});
