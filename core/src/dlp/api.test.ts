import { describe, expect, it } from 'vitest';
import * as core from '../index.ts';

// The engine's public contract, as other packages import it.
describe('@kairro/core DLP exports', () => {
  it('exports the engine API', () => {
    for (const name of [
      'scanText',
      'redactText',
      'truncate',
      'maskText',
      'unmaskText',
      'BUILTIN_DETECTORS',
      'SEED_DETECTORS',
      'TEST_CARD_NUMBERS',
      'DETECTOR_TYPES',
      'luhnValid',
      'ssnValid',
      'ibanValid',
      'abaValid',
      'nhsValid',
      'aadhaarValid',
    ]) {
      expect(core, name).toHaveProperty(name);
    }
    expect(core.SEED_DETECTORS).toBe(core.BUILTIN_DETECTORS);
    expect(core.TEST_CARD_NUMBERS).toContain('4242424242424242');
  });
});
