import { describe, expect, it } from 'vitest';
import type { DlpResult } from '../dlp/types.ts';
import type { EvaluationContext } from './decision.ts';
import { ruleMatchesContext, type RuleMiss } from './rule-match.ts';
import { compileRule, context, dlpOf, finding, rule } from './test-helpers.ts';
import type { PolicyRule } from './types.ts';

function check(r: PolicyRule, ctx: Partial<EvaluationContext> = {}, dlp: DlpResult = dlpOf()) {
  return ruleMatchesContext(compileRule(r), context(ctx), dlp);
}

const card = finding('CREDIT_CARD', 'CRITICAL', 12, 31);
const email = finding('EMAIL', 'MEDIUM', 40, 57);
const ip = finding('IP_ADDRESS', 'LOW', 60, 67);

type Row = [string, PolicyRule, Partial<EvaluationContext>, DlpResult, 'fires' | RuleMiss];

describe('ruleMatchesContext: each kind', () => {
  it.each<Row>([
    ['DLP minSeverity met', rule('DLP', 'BLOCK', { minSeverity: 'HIGH' }), {}, dlpOf(email, card), 'fires'],
    [
      'DLP minSeverity not met',
      rule('DLP', 'BLOCK', { minSeverity: 'HIGH' }),
      {},
      dlpOf(email, ip),
      'findings',
    ],
    ['DLP with no findings', rule('DLP', 'BLOCK', { minSeverity: 'LOW' }), {}, dlpOf(), 'findings'],
    ['DLP detectors listed', rule('DLP', 'WARN', { detectors: ['EMAIL'] }), {}, dlpOf(card, email), 'fires'],
    [
      'DLP detectors absent',
      rule('DLP', 'WARN', { detectors: ['IBAN'] }),
      {},
      dlpOf(card, email),
      'findings',
    ],
    [
      'DLP detectors and minSeverity both must hold',
      rule('DLP', 'WARN', { detectors: ['EMAIL'], minSeverity: 'HIGH' }),
      {},
      dlpOf(card, email),
      'findings',
    ],
    [
      'DLP regex only',
      rule('DLP', 'BLOCK', { regex: { pattern: 'ACCT-\\d+', target: 'prompt' } }),
      { prompt: 'see ACCT-991 now' },
      dlpOf(),
      'fires',
    ],
    [
      'DLP findings met but regex not',
      rule('DLP', 'BLOCK', { minSeverity: 'LOW', regex: { pattern: 'ACCT-\\d+', target: 'prompt' } }),
      { prompt: 'nothing here' },
      dlpOf(card),
      'regex',
    ],
    ['DLP without criteria', rule('DLP', 'BLOCK', {}), {}, dlpOf(card), 'criteria-invalid'],
    [
      'DLP with an empty detector list only',
      rule('DLP', 'BLOCK', { detectors: [] }),
      {},
      dlpOf(card),
      'criteria-invalid',
    ],
    [
      'ALLOW_TOOLS, tool not allowed',
      rule('ALLOW_TOOLS', 'BLOCK', { tools: ['claude'] }),
      {},
      dlpOf(),
      'fires',
    ],
    ['ALLOW_TOOLS, tool allowed', rule('ALLOW_TOOLS', 'BLOCK', { tools: ['chatgpt'] }), {}, dlpOf(), 'tool'],
    [
      'ALLOW_TOOLS without tools',
      rule('ALLOW_TOOLS', 'BLOCK', { tools: [] }),
      {},
      dlpOf(),
      'criteria-invalid',
    ],
    [
      'DENY_TOOLS, tool denied',
      rule('DENY_TOOLS', 'BLOCK', { tools: ['x', 'chatgpt'] }),
      {},
      dlpOf(),
      'fires',
    ],
    ['DENY_TOOLS, tool not denied', rule('DENY_TOOLS', 'BLOCK', { tools: ['claude'] }), {}, dlpOf(), 'tool'],
    ['DENY_TOOLS without tools', rule('DENY_TOOLS', 'BLOCK', {}), {}, dlpOf(), 'criteria-invalid'],
    [
      'DOMAIN_RESTRICTION exact host',
      rule('DOMAIN_RESTRICTION', 'BLOCK', { domains: ['pastebin.com'] }),
      { host: 'pastebin.com' },
      dlpOf(),
      'fires',
    ],
    [
      'DOMAIN_RESTRICTION subdomain',
      rule('DOMAIN_RESTRICTION', 'BLOCK', { domains: ['pastebin.com'] }),
      { host: 'www.pastebin.com' },
      dlpOf(),
      'fires',
    ],
    [
      'DOMAIN_RESTRICTION *. prefix means the bare host too',
      rule('DOMAIN_RESTRICTION', 'BLOCK', { domains: ['*.Pastebin.com'] }),
      { host: 'pastebin.com' },
      dlpOf(),
      'fires',
    ],
    [
      'DOMAIN_RESTRICTION lookalike suffix is not a subdomain',
      rule('DOMAIN_RESTRICTION', 'BLOCK', { domains: ['pastebin.com'] }),
      { host: 'notpastebin.com' },
      dlpOf(),
      'domain',
    ],
    [
      'DOMAIN_RESTRICTION without domains',
      rule('DOMAIN_RESTRICTION', 'BLOCK', {}),
      {},
      dlpOf(),
      'criteria-invalid',
    ],
    [
      'TOKEN_LIMIT exceeded',
      rule('TOKEN_LIMIT', 'WARN', { maxTokens: 2 }),
      { promptTokens: 3 },
      dlpOf(),
      'fires',
    ],
    [
      'TOKEN_LIMIT at the limit',
      rule('TOKEN_LIMIT', 'WARN', { maxTokens: 3 }),
      { promptTokens: 3 },
      dlpOf(),
      'tokens',
    ],
    ['TOKEN_LIMIT without maxTokens', rule('TOKEN_LIMIT', 'WARN', {}), {}, dlpOf(), 'criteria-invalid'],
    [
      'OTHER on inputTypes',
      rule('OTHER', 'WARN', { inputTypes: ['paste'] }),
      { inputType: 'paste' },
      dlpOf(),
      'fires',
    ],
    ['OTHER without criteria', rule('OTHER', 'WARN', {}), {}, dlpOf(), 'criteria-invalid'],
  ])('%s', (_name, r, ctx, dlp, expected) => {
    const out = check(r, ctx, dlp);
    expect(out.fired ? 'fires' : out.miss).toBe(expected);
  });
});

describe('ruleMatchesContext: general criteria narrow any kind', () => {
  const dlpRule = (extra: Partial<PolicyRule['criteria']>) =>
    rule('DLP', 'WARN', { minSeverity: 'LOW', ...extra });
  it.each<Row>([
    [
      'inputTypes holds',
      dlpRule({ inputTypes: ['paste', 'file'] }),
      { inputType: 'file' },
      dlpOf(card),
      'fires',
    ],
    [
      'inputTypes differs',
      dlpRule({ inputTypes: ['paste'] }),
      { inputType: 'typed' },
      dlpOf(card),
      'input-type',
    ],
    ['inputTypes set, context has none', dlpRule({ inputTypes: ['paste'] }), {}, dlpOf(card), 'input-type'],
    [
      'models glob, case-insensitive',
      dlpRule({ models: ['GPT-4*'] }),
      { model: 'gpt-4o-mini' },
      dlpOf(card),
      'fires',
    ],
    [
      'models glob in the middle',
      dlpRule({ models: ['claude-*-sonnet'] }),
      { model: 'claude-3-5-sonnet' },
      dlpOf(card),
      'fires',
    ],
    ['models no match', dlpRule({ models: ['gpt-4*'] }), { model: 'o1-gpt-4' }, dlpOf(card), 'model'],
    ['models set, context has none', dlpRule({ models: ['*'] }), {}, dlpOf(card), 'model'],
    [
      'metadata equals',
      dlpRule({ metadata: [{ key: 'dept', op: 'equals', value: 'finance' }] }),
      { metadata: { dept: 'finance' } },
      dlpOf(card),
      'fires',
    ],
    [
      'metadata equals differs',
      dlpRule({ metadata: [{ key: 'dept', op: 'equals', value: 'finance' }] }),
      { metadata: { dept: 'sales' } },
      dlpOf(card),
      'metadata',
    ],
    [
      'metadata notEquals with the key absent holds',
      dlpRule({ metadata: [{ key: 'dept', op: 'notEquals', value: 'finance' }] }),
      {},
      dlpOf(card),
      'fires',
    ],
    [
      'metadata notEquals same value',
      dlpRule({ metadata: [{ key: 'dept', op: 'notEquals', value: 'finance' }] }),
      { metadata: { dept: 'finance' } },
      dlpOf(card),
      'metadata',
    ],
    [
      'metadata in',
      dlpRule({ metadata: [{ key: 'dept', op: 'in', value: ['hr', 'legal'] }] }),
      { metadata: { dept: 'legal' } },
      dlpOf(card),
      'fires',
    ],
    [
      'metadata in, not listed',
      dlpRule({ metadata: [{ key: 'dept', op: 'in', value: ['hr', 'legal'] }] }),
      { metadata: { dept: 'eng' } },
      dlpOf(card),
      'metadata',
    ],
    [
      'metadata matches (regex)',
      dlpRule({ metadata: [{ key: 'region', op: 'matches', value: '^eu-' }] }),
      { metadata: { region: 'eu-west' } },
      dlpOf(card),
      'fires',
    ],
    [
      'metadata matches fails',
      dlpRule({ metadata: [{ key: 'region', op: 'matches', value: '^eu-' }] }),
      { metadata: { region: 'us-eu-1' } },
      dlpOf(card),
      'metadata',
    ],
    [
      'metadata exists',
      dlpRule({ metadata: [{ key: 'vip', op: 'exists' }] }),
      { metadata: { vip: '' } },
      dlpOf(card),
      'fires',
    ],
    [
      'metadata exists, absent',
      dlpRule({ metadata: [{ key: 'vip', op: 'exists' }] }),
      {},
      dlpOf(card),
      'metadata',
    ],
    [
      'metadata never reads the prototype',
      dlpRule({ metadata: [{ key: 'constructor', op: 'exists' }] }),
      {},
      dlpOf(card),
      'metadata',
    ],
    [
      'metadata: all conditions must hold',
      dlpRule({
        metadata: [
          { key: 'dept', op: 'equals', value: 'finance' },
          { key: 'vip', op: 'exists' },
        ],
      }),
      { metadata: { dept: 'finance' } },
      dlpOf(card),
      'metadata',
    ],
    [
      'metadata malformed (equals with a list)',
      dlpRule({ metadata: [{ key: 'dept', op: 'equals', value: ['finance'] }] }),
      { metadata: { dept: 'finance' } },
      dlpOf(card),
      'criteria-invalid',
    ],
    [
      'regex narrows a tool rule',
      rule('DENY_TOOLS', 'BLOCK', { tools: ['chatgpt'], regex: { pattern: 'secret', target: 'prompt' } }),
      { prompt: 'no match' },
      dlpOf(),
      'regex',
    ],
    [
      'regex caseInsensitive',
      rule('OTHER', 'BLOCK', { regex: { pattern: 'project x', caseInsensitive: true, target: 'prompt' } }),
      { prompt: 'about PROJECT X today' },
      dlpOf(),
      'fires',
    ],
    [
      'regex is case-sensitive by default',
      rule('OTHER', 'BLOCK', { regex: { pattern: 'project x', target: 'prompt' } }),
      { prompt: 'about PROJECT X today' },
      dlpOf(),
      'regex',
    ],
    [
      'regex target completion ignores the prompt',
      rule('OTHER', 'BLOCK', { regex: { pattern: 'leak', target: 'completion' } }),
      { prompt: 'leak', completion: 'fine' },
      dlpOf(),
      'regex',
    ],
    [
      'regex target completion',
      rule('OTHER', 'BLOCK', { regex: { pattern: 'leak', target: 'completion' } }),
      { prompt: 'fine', completion: 'a leak' },
      dlpOf(),
      'fires',
    ],
    [
      'regex target prompt ignores the completion',
      rule('OTHER', 'BLOCK', { regex: { pattern: 'leak', target: 'prompt' } }),
      { prompt: 'fine', completion: 'a leak' },
      dlpOf(),
      'regex',
    ],
    [
      'regex target both, completion only',
      rule('OTHER', 'BLOCK', { regex: { pattern: 'leak', target: 'both' } }),
      { prompt: 'fine', completion: 'a leak' },
      dlpOf(),
      'fires',
    ],
    [
      'an empty narrowing list counts as absent',
      dlpRule({ inputTypes: [], models: [] }),
      {},
      dlpOf(card),
      'fires',
    ],
  ])('%s', (_name, r, ctx, dlp, expected) => {
    const out = check(r, ctx, dlp);
    expect(out.fired ? 'fires' : out.miss).toBe(expected);
  });
});

describe('ruleMatchesContext: details', () => {
  it.each<[string, PolicyRule, Partial<EvaluationContext>, DlpResult, string]>([
    [
      'DLP: the findings, most severe first, and the threshold',
      rule('DLP', 'BLOCK', { minSeverity: 'MEDIUM' }),
      {},
      dlpOf(email, ip, card),
      'CREDIT_CARD (CRITICAL) at 12–31, EMAIL (MEDIUM) at 40–57 ≥ MEDIUM',
    ],
    [
      'DLP regex: pattern and position, never the text',
      rule('DLP', 'BLOCK', { regex: { pattern: 'ACCT-\\d+', target: 'prompt' } }),
      { prompt: 'see ACCT-991 and ACCT-7' },
      dlpOf(),
      'matched pattern /ACCT-\\d+/ at 4–12 (+1 more)',
    ],
    [
      'completion match says where',
      rule('OTHER', 'WARN', { regex: { pattern: 'x+', caseInsensitive: true, target: 'both' } }),
      { prompt: 'abc', completion: 'aXX' },
      dlpOf(),
      'matched pattern /x+/i at 1–3 in the completion',
    ],
    [
      'ALLOW_TOOLS',
      rule('ALLOW_TOOLS', 'BLOCK', { tools: ['claude', 'gemini'] }),
      { toolId: 'deepseek' },
      dlpOf(),
      'tool deepseek is not in the allowed tools [claude, gemini]',
    ],
    [
      'DENY_TOOLS',
      rule('DENY_TOOLS', 'BLOCK', { tools: ['deepseek'] }),
      { toolId: 'deepseek' },
      dlpOf(),
      'tool deepseek is denied',
    ],
    [
      'DOMAIN_RESTRICTION subdomain',
      rule('DOMAIN_RESTRICTION', 'BLOCK', { domains: ['paste.ee'] }),
      { host: 'x.paste.ee' },
      dlpOf(),
      'x.paste.ee is under the restricted domain paste.ee',
    ],
    [
      'TOKEN_LIMIT',
      rule('TOKEN_LIMIT', 'WARN', { maxTokens: 100 }),
      { promptTokens: 250 },
      dlpOf(),
      'prompt is about 250 tokens > 100',
    ],
    [
      'narrowing criteria that held follow',
      rule('DLP', 'WARN', {
        detectors: ['EMAIL'],
        inputTypes: ['paste'],
        models: ['gpt-*'],
        metadata: [{ key: 'dept', op: 'in', value: ['hr', 'legal'] }],
      }),
      { inputType: 'paste', model: 'gpt-4o', metadata: { dept: 'hr' } },
      dlpOf(email),
      'EMAIL (MEDIUM) at 40–57; input paste; model gpt-4o; dept in [hr, legal]',
    ],
  ])('%s', (_name, r, ctx, dlp, detail) => {
    const out = check(r, ctx, dlp);
    expect(out.fired && out.detail).toBe(detail);
  });

  it('reports the findings a rule matched, and their highest severity', () => {
    const out = check(
      rule('DLP', 'MASK', { detectors: ['EMAIL', 'IP_ADDRESS'] }),
      {},
      dlpOf(card, email, ip),
    );
    expect(out.fired && out.findings).toEqual([email, ip]);
    expect(out.fired && out.findingSeverity).toBe('MEDIUM');
  });

  it('a rule that was never compiled cannot fire on its regex', () => {
    const raw = rule('OTHER', 'BLOCK', { regex: { pattern: 'a', target: 'prompt' } });
    const out = ruleMatchesContext(raw, context({ prompt: 'a' }), dlpOf());
    expect(out).toEqual({ fired: false, miss: 'pattern-invalid' });
  });
});
