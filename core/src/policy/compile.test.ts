import { describe, expect, it } from 'vitest';
import { compilePolicies, MAX_PATTERN_MATCHES, regExpCompiler, type PatternError } from './compile.ts';
import type { PatternCompiler } from './decision.ts';
import { policy, rule, run } from './test-helpers.ts';

describe('regExpCompiler', () => {
  it.each<[string, boolean, string, Array<[number, number]>]>([
    [
      'a+',
      false,
      'baaab a',
      [
        [1, 4],
        [6, 7],
      ],
    ],
    ['A', true, 'xax', [[1, 2]]],
    ['A', false, 'xax', []],
    ['^', false, 'abc', [[0, 0]]],
    [
      'x*',
      false,
      'ab',
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
    ],
  ])('/%s/ (ci %s) on %j', (pattern, ci, text, spans) => {
    const p = regExpCompiler(pattern, ci);
    expect(p.matches(text).map((m) => [m.start, m.end])).toEqual(spans);
    // Stateless across calls although the RegExp is global.
    expect(p.matches(text).map((m) => [m.start, m.end])).toEqual(spans);
  });

  it('caps the number of matches', () => {
    expect(regExpCompiler('a', false).matches('a'.repeat(500))).toHaveLength(MAX_PATTERN_MATCHES);
  });

  it('throws on an invalid pattern', () => {
    expect(() => regExpCompiler('(', false)).toThrow();
  });
});

describe('compilePolicies', () => {
  const source = [
    policy('p', [
      rule(
        'OTHER',
        'BLOCK',
        { regex: { pattern: 'ok', caseInsensitive: true, target: 'prompt' } },
        { id: 'good' },
      ),
      rule('OTHER', 'BLOCK', { regex: { pattern: '(unclosed', target: 'prompt' } }, { id: 'bad' }),
      rule(
        'OTHER',
        'WARN',
        {
          metadata: [
            { key: 'a', op: 'exists' },
            { key: 'b', op: 'matches', value: '[' },
          ],
        },
        { id: 'meta' },
      ),
    ]),
  ];

  it('compiles each pattern once, with its case flag', () => {
    const calls: Array<[string, boolean]> = [];
    const spy: PatternCompiler = (p, ci) => (calls.push([p, ci]), regExpCompiler(p, ci));
    const [compiled] = compilePolicies([policy('p', [source[0]!.rules[0]!])], spy);
    expect(calls).toEqual([['ok', true]]);
    expect(compiled!.rules[0]!.pattern!.matches('OK')).toEqual([{ start: 0, end: 2 }]);
    expect(compiled!.rules[0]!.patternError).toBeUndefined();
  });

  it('keeps a rule whose pattern fails, marks it and reports it; the others still compile', () => {
    const errors: PatternError[] = [];
    const [compiled] = compilePolicies(source, regExpCompiler, (e) => errors.push(e));
    expect(errors.map((e) => [e.policyId, e.ruleId, e.pattern])).toEqual([
      ['p', 'bad', '(unclosed'],
      ['p', 'meta', '['],
    ]);
    expect(errors[0]!.message).not.toBe('');
    const [good, bad, meta] = compiled!.rules;
    expect(good!.patternError).toBeUndefined();
    expect(bad!.patternError).toMatch(/^\/\(unclosed\/: /);
    expect(meta!.metadataPatterns).toEqual([undefined, undefined]);
    expect(meta!.patternError).toMatch(/^\/\[\/: /);
  });

  it('without onError, a bad pattern does not throw', () => {
    expect(() => compilePolicies(source, regExpCompiler)).not.toThrow();
  });

  it('an onError that throws rejects the whole set (the API validating admin input)', () => {
    expect(() =>
      compilePolicies(source, regExpCompiler, (e) => {
        throw new Error(`invalid pattern in ${e.ruleId}`);
      }),
    ).toThrow('invalid pattern in bad');
  });

  it('a rule with an invalid pattern never fires, even when its other criteria hold', () => {
    const d = run({
      policies: [
        policy('p', [
          rule('DLP', 'BLOCK', { minSeverity: 'LOW', regex: { pattern: '(', target: 'prompt' } }),
        ]),
      ],
      context: { prompt: '(' },
    });
    expect(d.policyIds).toEqual([]);
    expect(d.action).toBe('ALLOW');
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(source);
    compilePolicies(source, regExpCompiler);
    expect(JSON.stringify(source)).toBe(before);
    expect('pattern' in source[0]!.rules[0]!).toBe(false);
  });
});
