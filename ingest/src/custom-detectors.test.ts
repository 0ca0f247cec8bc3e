import { scanText } from '@kairro/core';
import type { CustomDetectorRow } from '@kairro/postgres';
import { describe, expect, it } from 'vitest';
import { compileCustomDetector, compileCustomPattern } from './custom-detectors.ts';

const row = (over: Partial<CustomDetectorRow> = {}): CustomDetectorRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  orgId: '00000000-0000-4000-8000-0000000000aa',
  name: 'Employee id',
  type: 'EMPLOYEE_ID',
  description: '',
  pattern: 'EMP-\\d{6}',
  caseInsensitive: false,
  severity: 'HIGH',
  target: 'prompt',
  keywords: ['emp-'],
  validator: 'none',
  enabled: true,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('compileCustomPattern', () => {
  it.each([
    ['EMP-\\d{6}'],
    ['(?i)project\\s+(?:falcon|osprey)'],
    ['(?:[a-z]+\\.)+corp'],
    ['id=(?P<value>\\d{4,8})'],
    ['[(|)*+]x'],
    ['\\bACME-[A-Z]{3}\\b'],
  ])('accepts %s', (pattern) => {
    expect(compileCustomPattern(pattern, { caseInsensitive: false }).ok).toBe(true);
  });

  it.each([
    ['(unclosed', /Invalid RE2 syntax: .*missing closing \)/],
    ['(?=lookahead)x', /Invalid RE2 syntax/],
    ['(a)\\1', /Invalid RE2 syntax/],
    ['a{1001}', /Invalid RE2 syntax: .*repeat count/],
    ['x'.repeat(1001), /1001 characters; the limit is 1000/],
    [Array.from({ length: 60 }, (_, i) => `w${i}`).join('|'), /59 alternations/],
    ['((a+)+)+b', /nests repetition 3 deep/],
    ['a*', /empty string/],
    ['x?|y', /empty string/],
    ['\\b', /empty string/],
    ['(?m)^', /empty string/],
    ['(?:[a-z]{1,100}){1,10}', /2001 instructions; the limit is 2000/],
    ['', /empty/],
  ])('refuses %s', (pattern, message) => {
    const check = compileCustomPattern(pattern, { caseInsensitive: false });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });
});

describe('compileCustomDetector', () => {
  it('reports UTF-16 spans after emoji and CJK text, with the org type and a stable rule id', () => {
    const text = '😀 社員 EMP-123456 and emp-654321';
    const { matches } = scanText(text, { detectors: [compileCustomDetector(row())] });
    expect(matches.map((m) => [m.detector, m.ruleId, text.slice(m.start, m.end)])).toEqual([
      ['EMPLOYEE_ID', 'custom.00000000-0000-4000-8000-000000000001', 'EMP-123456'],
    ]);
  });

  it('honours case-insensitivity, the value group and the validator', () => {
    const ci = compileCustomDetector(row({ caseInsensitive: true }));
    expect(scanText('emp-654321', { detectors: [ci] }).matches).toHaveLength(1);

    const card = compileCustomDetector(
      row({ pattern: 'card=(?P<value>\\d[\\d ]{11,21}\\d)', keywords: ['card='], validator: 'luhn' }),
    );
    const text = 'card=4539 1488 0343 6467 card=4539 1488 0343 6468';
    const found = scanText(text, { detectors: [card] }).matches;
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['4539 1488 0343 6467']);
  });

  it('is skipped on the other target and by its keywords prefilter', () => {
    const responseOnly = compileCustomDetector(row({ target: 'response' }));
    expect(scanText('EMP-123456', { detectors: [responseOnly], target: 'prompt' }).matches).toEqual([]);
    expect(scanText('EMP-123456', { detectors: [responseOnly], target: 'response' }).matches).toHaveLength(1);
  });

  // A backtracking engine never finishes this scan (the test would time out); RE2 is linear.
  it('finishes on input that makes backtracking engines explode', () => {
    const evil = compileCustomDetector(row({ pattern: '(?:a+)+b', keywords: [] }));
    expect(scanText('a'.repeat(50_000), { detectors: [evil] }).matches).toEqual([]);
    expect(scanText(`${'a'.repeat(50_000)}b`, { detectors: [evil] }).matches).toHaveLength(1);
  });

  it.each([
    [
      'iban',
      'iban (?P<value>[A-Z]{2}\\d{2}[ \\dA-Z]{11,30}[\\dA-Z])',
      'iban DE89 3704 0044 0532 0130 00',
      'iban DE89 3704 0044 0532 0130 01',
    ],
    ['aba_routing', 'rtn (?P<value>\\d{9})', 'rtn 011000015', 'rtn 011000016'],
    ['uk_nhs', 'nhs (?P<value>\\d{3} \\d{3} \\d{4})', 'nhs 943 476 5919', 'nhs 943 476 5918'],
    ['in_aadhaar', 'uid (?P<value>\\d{4} \\d{4} \\d{4})', 'uid 2341 2341 2346', 'uid 2341 2341 2347'],
  ])('validator %s keeps valid values and drops invalid ones', (validator, pattern, valid, invalid) => {
    const detector = compileCustomDetector(row({ pattern, keywords: [], validator }));
    expect(scanText(valid, { detectors: [detector] }).matches).toHaveLength(1);
    expect(scanText(invalid, { detectors: [detector] }).matches).toEqual([]);
  });
});
