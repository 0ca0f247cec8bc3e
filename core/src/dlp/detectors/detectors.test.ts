import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.ts';
import { DETECTOR_TYPES } from '../types.ts';
import { BUILTIN_DETECTORS } from './index.ts';

// One test for every detector's inline samples: adding a detector adds its cases here.
describe.each(BUILTIN_DETECTORS.map((d) => [d.id, d] as const))('detector %s', (_id, detector) => {
  const samples = detector.samples ?? { truePositives: [], falsePositives: [] };

  it('is declared well', () => {
    expect(detector.pattern?.flags).toContain('g');
    expect(detector.keywords.every((k) => k === k.toLowerCase())).toBe(true);
    expect((DETECTOR_TYPES as readonly string[]).includes(detector.type)).toBe(true);
    expect(detector.description, 'one line for the console').toMatch(/^[^\n]{10,}$/);
    expect(samples.truePositives.length).toBeGreaterThan(0);
    expect(samples.falsePositives.length).toBeGreaterThan(0);
  });

  it.each(samples.truePositives)('finds %j', (sample) => {
    const { matches } = scanText(sample);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.map((m) => m.ruleId)).toEqual(matches.map(() => detector.id));
    expect(matches.every((m) => m.detector === detector.type && m.severity === detector.severity)).toBe(true);
  });

  it.each(samples.falsePositives)('ignores %j', (sample) => {
    const { matches } = scanText(sample);
    expect(matches.filter((m) => m.ruleId === detector.id || m.detector === detector.type)).toEqual([]);
  });
});

describe('BUILTIN_DETECTORS', () => {
  it('has unique rule ids and covers every canonical type', () => {
    const ids = BUILTIN_DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(BUILTIN_DETECTORS.map((d) => d.type))).toEqual(new Set(DETECTOR_TYPES));
  });

  it('has many provider-specific API key rules besides the generic one', () => {
    const apiRules = BUILTIN_DETECTORS.filter((d) => d.type === 'API_KEY_LIKE').map((d) => d.id);
    expect(apiRules).toEqual(
      expect.arrayContaining([
        'aws-access-key-id',
        'github-pat',
        'slack-token',
        'stripe-secret',
        'openai-key',
        'anthropic-key',
        'google-api-key',
        'jwt',
        'private-key',
        'generic-secret-assignment',
      ]),
    );
  });
});
