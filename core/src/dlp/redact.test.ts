import { describe, expect, it } from 'vitest';
import { redactText } from './redact.ts';
import { scanText } from './scan.ts';

describe('redactText', () => {
  it('replaces each scanned finding with its label', () => {
    const text = '😀 card 4111 1111 1111 1111 from bob@acme.io';
    expect(redactText(text, scanText(text).matches)).toBe('😀 card [CREDIT_CARD] from [EMAIL]');
  });

  it.each([
    [
      'unsorted input',
      [
        { start: 6, end: 9, detector: 'B' },
        { start: 0, end: 3, detector: 'A' },
      ],
      '[A]345[B]9',
    ],
    [
      'overlapping findings collapse',
      [
        { start: 0, end: 5, detector: 'A' },
        { start: 3, end: 8, detector: 'B' },
      ],
      '[A]89',
    ],
    [
      'a finding inside another',
      [
        { start: 0, end: 8, detector: 'A' },
        { start: 2, end: 4, detector: 'B' },
      ],
      '[A]89',
    ],
    [
      'adjacent findings',
      [
        { start: 0, end: 3, detector: 'A' },
        { start: 3, end: 6, detector: 'B' },
      ],
      '[A][B]6789',
    ],
    [
      'empty and out-of-range spans',
      [
        { start: 4, end: 4, detector: 'A' },
        { start: 7, end: 99, detector: 'B' },
      ],
      '0123456[B]',
    ],
    ['no findings', [], '0123456789'],
  ])('%s', (_name, spans, expected) => {
    expect(redactText('0123456789', spans)).toBe(expected);
  });
});
