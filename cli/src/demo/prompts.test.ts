import { luhnValid, scanText, seededRandom, ssnValid } from '@kairro/core';
import { describe, expect, it } from 'vitest';
import { card, demoPrompt, ssn } from './prompts.ts';

describe('demo prompts', () => {
  it('generates card numbers and SSNs that pass the validators', () => {
    const r = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      expect(luhnValid(card(r).replaceAll(' ', ''))).toBe(true);
      expect(ssnValid(ssn(r).replaceAll('-', ''))).toBe(true);
    }
  });

  it('is a mix: most prompts are clean, a real share trips the DLP engine', () => {
    const r = seededRandom(1);
    const prompts = Array.from({ length: 400 }, () => demoPrompt(r));
    const flagged = prompts.filter((p) => scanText(p.prompt).summary.totalMatches > 0).length;
    expect(flagged / prompts.length).toBeGreaterThan(0.25);
    expect(flagged / prompts.length).toBeLessThan(0.6);
    const detectors = new Set(prompts.flatMap((p) => scanText(p.prompt).summary.detectors));
    expect([...detectors].sort()).toEqual(['API_KEY_LIKE', 'CREDIT_CARD', 'EMAIL', 'IP_ADDRESS', 'US_SSN']);
  });

  it('repeats exactly for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect(Array.from({ length: 20 }, () => demoPrompt(a))).toEqual(
      Array.from({ length: 20 }, () => demoPrompt(b)),
    );
  });
});
