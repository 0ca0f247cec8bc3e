import { describe, expect, it } from 'vitest';
import type { DlpResult } from '../dlp/types.ts';
import type { EvaluationContext } from './decision.ts';
import { describeMiss } from './explain.ts';
import { ruleMatchesContext } from './rule-match.ts';
import { compileRule, context, dlpOf, finding, rule } from './test-helpers.ts';
import type { PolicyRule } from './types.ts';

const email = finding('EMAIL', 'MEDIUM', 40, 57);

describe('describeMiss', () => {
  it.each<[string, PolicyRule, Partial<EvaluationContext>, DlpResult, string]>([
    [
      'criteria',
      rule('DLP', 'BLOCK', {}),
      {},
      dlpOf(),
      'a DLP rule needs minSeverity, detectors or regex; the rule never fires',
    ],
    [
      'input type',
      rule('OTHER', 'WARN', { inputTypes: ['paste'] }),
      {},
      dlpOf(),
      'input type unknown; the rule needs [paste]',
    ],
    [
      'model',
      rule('OTHER', 'WARN', { models: ['gpt-*'] }),
      { model: 'claude' },
      dlpOf(),
      'model claude does not match [gpt-*]',
    ],
    [
      'metadata names the failing condition',
      rule('OTHER', 'WARN', {
        metadata: [
          { key: 'a', op: 'exists' },
          { key: 'b', op: 'equals', value: 'x' },
        ],
      }),
      { metadata: { a: '1', b: 'y' } },
      dlpOf(),
      'metadata b = "x" does not hold',
    ],
    [
      'findings',
      rule('DLP', 'BLOCK', { minSeverity: 'HIGH', detectors: ['US_SSN'] }),
      {},
      dlpOf(email),
      'no finding ≥ HIGH of [US_SSN]; found EMAIL (MEDIUM) at 40–57',
    ],
    [
      'allow list',
      rule('ALLOW_TOOLS', 'BLOCK', { tools: ['chatgpt'] }),
      {},
      dlpOf(),
      'tool chatgpt is in the allowed tools [chatgpt]',
    ],
    ['deny list', rule('DENY_TOOLS', 'BLOCK', { tools: ['x'] }), {}, dlpOf(), 'tool chatgpt is not in [x]'],
    [
      'domain',
      rule('DOMAIN_RESTRICTION', 'BLOCK', { domains: ['a.com'] }),
      {},
      dlpOf(),
      'host chatgpt.com is not in [a.com]',
    ],
    [
      'tokens',
      rule('TOKEN_LIMIT', 'BLOCK', { maxTokens: 10 }),
      { promptTokens: 4 },
      dlpOf(),
      'prompt is about 4 tokens ≤ 10',
    ],
    [
      'regex',
      rule('OTHER', 'BLOCK', { regex: { pattern: 'z', target: 'both' } }),
      {},
      dlpOf(),
      'pattern /z/ does not match the prompt or completion',
    ],
  ])('%s', (_name, r, ctx, dlp, text) => {
    const compiledRule = compileRule(r);
    const out = ruleMatchesContext(compiledRule, context(ctx), dlp);
    expect(out.fired).toBe(false);
    if (!out.fired) expect(describeMiss(compiledRule, context(ctx), dlp, out.miss)).toBe(text);
  });
});
