import { describe, expect, it } from 'vitest';
import { unmaskText } from '../dlp/mask.ts';
import type { Decision } from './decision.ts';
import { dlpOf, finding, NOW, policy, rule, run, VALID } from './test-helpers.ts';
import type { Action, LicenseState, Policy, Severity, ToolConfig } from './types.ts';

const card = finding('CREDIT_CARD', 'CRITICAL', 12, 31);
const email = finding('EMAIL', 'MEDIUM', 40, 57);
const ip = finding('IP_ADDRESS', 'LOW', 60, 67);

const tool = (over: Partial<ToolConfig>): ToolConfig => ({
  id: 'deepseek',
  name: 'DeepSeek',
  status: 'UNAPPROVED',
  urlPatterns: ['https://chat.deepseek.com/*'],
  applyPolicies: true,
  action: 'BLOCK',
  severity: 'HIGH',
  ...over,
});

const blockAll = policy('all', [rule('DLP', 'BLOCK', { minSeverity: 'LOW' })]);
const allowAll = policy('allow', [rule('DLP', 'ALLOW', { minSeverity: 'LOW' })]);

describe('evaluate: order of stages', () => {
  it.each<[string, LicenseState, ToolConfig | null, Action, RegExp]>([
    [
      'license before tool',
      { status: 'REVOKED', expiresAt: '2027-01-01T00:00:00Z' },
      tool({ action: 'WARN' }),
      'BLOCK',
      /REVOKED/,
    ],
    [
      'license before a trusted tool',
      { status: 'ACTIVE', expiresAt: '2026-11-01T00:00:00Z' },
      tool({ status: 'APPROVED', applyPolicies: false }),
      'BLOCK',
      /expired at 2026-11-01/,
    ],
    [
      'a blocked tool before policies',
      VALID,
      tool({ action: 'BLOCK', severity: 'MEDIUM' }),
      'BLOCK',
      /not approved/,
    ],
    [
      'trusted tool before policies',
      VALID,
      tool({ status: 'APPROVED', applyPolicies: false }),
      'ALLOW',
      /trusted/,
    ],
    [
      'approved tool applying policies reaches them',
      VALID,
      tool({ status: 'APPROVED' }),
      'ALLOW',
      /Policy "Policy allow"/,
    ],
    ['unclassified tool reaches policies', VALID, null, 'ALLOW', /Policy "Policy allow"/],
  ])('%s', (_name, license, t, action, reason) => {
    const d = run({ license, context: { tool: t }, policies: [allowAll], dlp: dlpOf(card) });
    expect(d.action).toBe(action);
    expect(d.reasons).toHaveLength(1);
    expect(d.reasons[0]).toMatch(reason);
  });

  it.each([
    ['revoked', { status: 'REVOKED', expiresAt: '2027-01-01T00:00:00Z' }, /^License is REVOKED → BLOCK$/],
    ['marked expired', { status: 'EXPIRED', expiresAt: '2027-01-01T00:00:00Z' }, /EXPIRED/],
    ['expiring this very instant', { status: 'ACTIVE', expiresAt: NOW.toISOString() }, /expired/],
    ['with an unreadable expiry', { status: 'ACTIVE', expiresAt: 'soon' }, /not a valid date/],
  ] as const)('fails closed when the license is %s, risk from DLP, no policy runs', (_n, license, reason) => {
    const d = run({ license, policies: [allowAll], dlp: dlpOf(email) });
    expect(d).toMatchObject({ action: 'BLOCK', riskLevel: 'MEDIUM', policyIds: [], alerts: [] });
    expect(d.reasons[0]).toMatch(reason);
  });

  it('an unapproved tool set to BLOCK decides alone; risk is the higher of DLP and the tool', () => {
    const d = run({
      context: { tool: tool({ action: 'BLOCK', severity: 'HIGH' }) },
      policies: [allowAll],
      dlp: dlpOf(email),
    });
    expect(d).toEqual({
      action: 'BLOCK',
      riskLevel: 'HIGH',
      reasons: ['Tool "DeepSeek" is not approved → BLOCK'],
      policyIds: [],
      alerts: [],
    });
  });

  it('an unapproved tool people may use keeps DLP: the policies decide above its action', () => {
    const shadow = tool({ action: 'WARN', severity: 'HIGH' });
    const blocked = run({ context: { tool: shadow }, policies: [blockAll], dlp: dlpOf(email) });
    expect(blocked).toMatchObject({ action: 'BLOCK', riskLevel: 'HIGH', policyIds: ['all'] });
    expect(blocked.reasons[0]).toBe('Tool "DeepSeek" is not approved → WARN');
    expect(blocked.reasons).toHaveLength(2);

    // Nothing found: the tool's own action still holds, not the fallback's ALLOW.
    const clean = run({ context: { tool: shadow }, policies: [blockAll], dlp: dlpOf(), trace: true });
    expect(clean).toMatchObject({ action: 'WARN', riskLevel: 'HIGH', policyIds: [] });
    expect(clean.trace!.at(-1)).toMatchObject({ stage: 'tool', outcome: 'decided', action: 'WARN' });

    // A critical finding the fallback blocks is blocked there too.
    const card1 = run({
      context: { tool: tool({ action: 'ALLOW', severity: 'LOW' }) },
      policies: [],
      dlp: dlpOf(card),
    });
    expect(card1).toMatchObject({ action: 'BLOCK', riskLevel: 'CRITICAL' });
  });

  it('a trusted tool allows even critical data, keeping the DLP risk', () => {
    const d = run({
      context: { tool: tool({ status: 'APPROVED', applyPolicies: false }) },
      policies: [blockAll],
      dlp: dlpOf(card),
    });
    expect(d).toMatchObject({ action: 'ALLOW', riskLevel: 'CRITICAL', policyIds: [] });
    expect(d.reasons).toEqual(['Tool "DeepSeek" is approved and trusted; policies do not apply → ALLOW']);
  });
});

describe('evaluate: scopes, status and priority', () => {
  const warn = (id: string, extra: Partial<Policy>) =>
    policy(id, [rule('DLP', 'WARN', { minSeverity: 'LOW' })], extra);
  it.each<[string, Policy[], string[]]>([
    [
      'DRAFT and DISABLED are skipped',
      [warn('d', { status: 'DRAFT' }), warn('x', { status: 'DISABLED' }), warn('a', {})],
      ['a'],
    ],
    [
      'org, then team, then identity, whatever the priority',
      [
        warn('me', { scope: 'IDENTITY', scopeTargetId: 'id-ana', priority: 1 }),
        warn('team', { scope: 'TEAM', scopeTargetId: 'team-eng', priority: 1 }),
        warn('org', { priority: 99 }),
      ],
      ['org', 'team', 'me'],
    ],
    [
      'another team and another person are skipped',
      [
        warn('t-other', { scope: 'TEAM', scopeTargetId: 'team-sales' }),
        warn('i-other', { scope: 'IDENTITY', scopeTargetId: 'id-bob' }),
        warn('t-mine', { scope: 'TEAM', scopeTargetId: 'team-eng' }),
      ],
      ['t-mine'],
    ],
    [
      'priority ascending within a level',
      [warn('late', { priority: 20 }), warn('early', { priority: 10 })],
      ['early', 'late'],
    ],
    [
      'ties keep input order',
      [warn('b', { priority: 5 }), warn('a', { priority: 5 }), warn('c', { priority: 5 })],
      ['b', 'a', 'c'],
    ],
  ])('%s', (_name, policies, policyIds) => {
    const d = run({ policies, dlp: dlpOf(ip) });
    expect(d.policyIds).toEqual(policyIds);
    expect(d.reasons.map((r) => /^Policy "Policy (\S+)"/.exec(r)?.[1])).toEqual(policyIds);
  });

  it.each<[string, { identityId: string | null; teamId: string | null }, string[]]>([
    ['no team: team policies never apply', { identityId: 'id-ana', teamId: null }, ['org', 'me']],
    ['no identity: identity policies never apply', { identityId: null, teamId: 'team-eng' }, ['org', 'team']],
  ])('%s', (_name, ids, policyIds) => {
    const policies = [
      warn('org', {}),
      warn('team', { scope: 'TEAM', scopeTargetId: 'team-eng' }),
      warn('me', { scope: 'IDENTITY', scopeTargetId: 'id-ana' }),
      // A null target must not match a person with a null id.
      warn('nulls', { scope: 'TEAM', scopeTargetId: null }),
    ];
    const d = run({ policies, dlp: dlpOf(ip), context: { identity: { email: 'a@x.io', ...ids } } });
    expect(d.policyIds).toEqual(policyIds);
  });
});

describe('evaluate: actions', () => {
  const p = (id: string, action: Policy['rules'][number]['action'], min: Severity = 'LOW') =>
    policy(id, [rule('DLP', action, { minSeverity: min })]);
  it.each<[string, Policy[], Action, string[]]>([
    [
      'BLOCK beats everything',
      [p('w', 'WARN'), p('b', 'BLOCK'), p('m', 'MASK'), p('a', 'ALLOW')],
      'BLOCK',
      ['w', 'b', 'm', 'a'],
    ],
    ['MASK beats WARN and ALLOW', [p('w', 'WARN'), p('m', 'MASK'), p('a', 'ALLOW')], 'MASK', ['w', 'm', 'a']],
    ['WARN beats ALLOW', [p('a', 'ALLOW'), p('w', 'WARN')], 'WARN', ['a', 'w']],
    ['an explicit ALLOW suppresses the fallback', [p('a', 'ALLOW')], 'ALLOW', ['a']],
    ['a rule below its threshold does not fire', [p('b', 'BLOCK', 'HIGH'), p('w', 'WARN')], 'WARN', ['w']],
    ['ALERT does not change the action', [p('al', 'ALERT'), p('w', 'WARN')], 'WARN', ['al', 'w']],
    ['ALERT only: the fallback decides', [p('al', 'ALERT')], 'WARN', ['al']],
    [
      'every rule of a policy is checked',
      [
        policy('two', [
          rule('DLP', 'BLOCK', { minSeverity: 'CRITICAL' }),
          rule('DLP', 'MASK', { minSeverity: 'LOW' }),
        ]),
      ],
      'MASK',
      ['two'],
    ],
  ])('%s', (_name, policies, action, policyIds) => {
    const d = run({ policies, dlp: dlpOf(email) });
    expect(d.action).toBe(action);
    expect(d.policyIds).toEqual(policyIds);
  });

  it('an ALERT rule adds an alert carrying its reason and severity', () => {
    const d = run({
      policies: [
        policy('al', [rule('DLP', 'ALERT', { minSeverity: 'MEDIUM' }, { id: 'rule-al' })], { name: 'SOC' }),
        policy('b', [rule('DLP', 'BLOCK', { minSeverity: 'HIGH' })]),
      ],
      dlp: dlpOf(card, email),
    });
    expect(d.action).toBe('BLOCK');
    expect(d.alerts).toEqual([
      {
        policyId: 'al',
        policyName: 'SOC',
        ruleId: 'rule-al',
        severity: 'CRITICAL',
        reason:
          'Policy "SOC" rule 1: CREDIT_CARD (CRITICAL) at 12–31, EMAIL (MEDIUM) at 40–57 ≥ MEDIUM → ALERT',
      },
    ]);
    expect(d.reasons[0]).toBe(d.alerts[0]!.reason);
  });

  it.each<[Severity | undefined, Severity]>([
    ['HIGH', 'HIGH'],
    [undefined, 'LOW'],
  ])('an ALERT on a non-DLP rule with severity %s alerts at %s', (severity, expected) => {
    const r = rule('DENY_TOOLS', 'ALERT', { tools: ['chatgpt'] }, severity ? { severity } : {});
    expect(run({ policies: [policy('p', [r])] }).alerts[0]?.severity).toBe(expected);
  });
});

describe('evaluate: fallback and risk', () => {
  it.each<[string, Parameters<typeof dlpOf>, Action, Decision['riskLevel'], string]>([
    [
      'critical',
      [card],
      'BLOCK',
      'CRITICAL',
      'No policy rule matched; default for CREDIT_CARD (CRITICAL) at 12–31 → BLOCK',
    ],
    [
      'high',
      [finding('US_SSN', 'HIGH'), ip],
      'BLOCK',
      'HIGH',
      'No policy rule matched; default for US_SSN (HIGH) at 0–5, IP_ADDRESS (LOW) at 60–67 → BLOCK',
    ],
    [
      'medium',
      [email],
      'WARN',
      'MEDIUM',
      'No policy rule matched; default for EMAIL (MEDIUM) at 40–57 → WARN',
    ],
    ['low', [ip], 'ALLOW', 'LOW', 'No policy rule matched; default for IP_ADDRESS (LOW) at 60–67 → ALLOW'],
    ['nothing', [], 'ALLOW', 'NONE', 'No policy rule matched; no sensitive data found → ALLOW'],
  ])('%s', (_name, matches, action, riskLevel, reason) => {
    const d = run({
      policies: [policy('off', [rule('DLP', 'BLOCK', { minSeverity: 'LOW' })], { status: 'DRAFT' })],
      dlp: dlpOf(...matches),
    });
    expect(d).toEqual({ action, riskLevel, reasons: [reason], policyIds: [], alerts: [] });
  });

  it('says when only ALERT rules matched', () => {
    const d = run({
      policies: [policy('al', [rule('DLP', 'ALERT', { minSeverity: 'LOW' })])],
      dlp: dlpOf(email),
    });
    expect(d.reasons.at(-1)).toBe('Only ALERT rules matched; default for EMAIL (MEDIUM) at 40–57 → WARN');
  });

  it.each<[string, Severity | undefined, Parameters<typeof dlpOf>, Decision['riskLevel']]>([
    ['a fired rule raises the risk above DLP', 'HIGH', [ip], 'HIGH'],
    ['DLP above the rule severity wins', 'LOW', [card], 'CRITICAL'],
    ['a rule without severity keeps the DLP risk', undefined, [email], 'MEDIUM'],
    ['a non-DLP rule on clean text', 'MEDIUM', [], 'MEDIUM'],
    ['no severity, no findings', undefined, [], 'NONE'],
  ])('%s', (_name, severity, matches, riskLevel) => {
    const r = rule('DENY_TOOLS', 'WARN', { tools: ['chatgpt'] }, severity ? { severity } : {});
    expect(run({ policies: [policy('p', [r])], dlp: dlpOf(...matches) }).riskLevel).toBe(riskLevel);
  });

  it('an ALERT rule severity counts toward the risk; a rule that did not fire does not', () => {
    const policies = [
      policy('al', [rule('DENY_TOOLS', 'ALERT', { tools: ['chatgpt'] }, { severity: 'HIGH' })]),
      policy('no', [rule('DENY_TOOLS', 'BLOCK', { tools: ['x'] }, { severity: 'CRITICAL' })]),
    ];
    expect(run({ policies }).riskLevel).toBe('HIGH');
  });
});

describe('evaluate: reasons', () => {
  it.each<[string, Policy, Parameters<typeof run>[0], string]>([
    [
      'DLP',
      policy('b', [rule('DLP', 'BLOCK', { minSeverity: 'HIGH' })], {
        name: 'Block high and critical sensitive data',
      }),
      { dlp: dlpOf(card) },
      'Policy "Block high and critical sensitive data" rule 1: CREDIT_CARD (CRITICAL) at 12–31 ≥ HIGH → BLOCK',
    ],
    [
      'domain',
      policy('d', [rule('DOMAIN_RESTRICTION', 'BLOCK', { domains: ['pastebin.com'] })], {
        name: 'No paste sites',
      }),
      { context: { host: 'pastebin.com', toolId: 'pastebin.com' } },
      'Policy "No paste sites" rule 1: pastebin.com is a restricted domain → BLOCK',
    ],
    [
      'second rule, with its description',
      policy(
        't',
        [
          rule('TOKEN_LIMIT', 'WARN', { maxTokens: 1000 }),
          rule('TOKEN_LIMIT', 'WARN', { maxTokens: 10 }, { description: 'keep it short' }),
        ],
        { name: 'Size' },
      ),
      { context: { promptTokens: 11 } },
      'Policy "Size" rule 2: prompt is about 11 tokens > 10 → WARN (keep it short)',
    ],
  ])('%s', (_name, p, input, reason) => {
    expect(run({ ...input, policies: [p] }).reasons).toEqual([reason]);
  });

  it('never contain a matched value, in reasons, alerts or trace', () => {
    const secret = 'ACCT-7731-SECRET';
    const prompt = `transfer from ${secret} now`;
    const policies = [
      policy('re', [rule('OTHER', 'BLOCK', { regex: { pattern: 'ACCT-\\d+-[A-Z]+', target: 'prompt' } })]),
      policy('al', [rule('OTHER', 'ALERT', { regex: { pattern: 'ACCT-\\d+-[A-Z]+', target: 'prompt' } })]),
      policy('miss', [rule('OTHER', 'BLOCK', { regex: { pattern: 'nope', target: 'both' } })]),
    ];
    const d = run({ policies, context: { prompt, completion: secret }, trace: true });
    expect(d.action).toBe('BLOCK');
    expect(d.reasons[0]).toBe(
      'Policy "Policy re" rule 1: matched pattern /ACCT-\\d+-[A-Z]+/ at 14–30 → BLOCK',
    );
    expect(JSON.stringify(d)).not.toContain(secret);
    expect(JSON.stringify(d)).not.toContain('7731');
  });
});

describe('evaluate: MASK', () => {
  const prompt = 'mail bob@corp.io and bob@corp.io, ref ACCT-42; card 4111';
  //              0    5           17  21          33   38      46
  const bob1 = finding('EMAIL', 'MEDIUM', 5, 16);
  const bob2 = finding('EMAIL', 'MEDIUM', 21, 32);
  const cardish = finding('CREDIT_CARD', 'CRITICAL', 53, 57);

  it('replaces exactly the spans the MASK rules matched; the mapping restores them', () => {
    const policies = [
      policy('m', [rule('DLP', 'MASK', { detectors: ['EMAIL'] })]),
      policy('r', [rule('OTHER', 'MASK', { regex: { pattern: 'ACCT-\\d+', target: 'prompt' } })]),
      policy('w', [rule('DLP', 'WARN', { detectors: ['CREDIT_CARD'] })]),
    ];
    const d = run({ policies, context: { prompt }, dlp: dlpOf(bob1, bob2, cardish) });
    expect(d.action).toBe('MASK');
    // The card only fired a WARN rule, so it stays: masking is what MASK rules matched.
    expect(d.maskedPrompt).toBe('mail [EMAIL_1] and [EMAIL_1], ref [PATTERN_1]; card 4111');
    expect(d.maskMapping).toEqual({ '[EMAIL_1]': 'bob@corp.io', '[PATTERN_1]': 'ACCT-42' });
    expect(unmaskText(d.maskedPrompt!, d.maskMapping!)).toBe(prompt);
    expect(d.reasons.join()).not.toContain('bob@corp.io');
  });

  it('findings in a scanned reply are not masked in the prompt', () => {
    const reply = finding('EMAIL', 'MEDIUM', 0, 4, 'response');
    const d = run({
      policies: [policy('m', [rule('DLP', 'MASK', { detectors: ['EMAIL'] })])],
      context: { prompt },
      dlp: dlpOf(bob1, reply),
    });
    expect(d.maskedPrompt).toBe('mail [EMAIL_1] and bob@corp.io, ref ACCT-42; card 4111');
  });

  it.each<[Action, boolean]>([
    ['BLOCK', false],
    ['WARN', true],
  ])('with a %s rule also firing, masked output present: %s', (other, present) => {
    const policies = [
      policy('m', [rule('DLP', 'MASK', { detectors: ['EMAIL'] })]),
      policy('o', [rule('DLP', other, { detectors: ['CREDIT_CARD'] })]),
    ];
    const d = run({ policies, context: { prompt }, dlp: dlpOf(bob1, cardish) });
    expect('maskedPrompt' in d).toBe(present);
    expect('maskMapping' in d).toBe(present);
  });
});

describe('evaluate: trace', () => {
  const policies = [
    policy(
      'org',
      [
        rule('DLP', 'BLOCK', { minSeverity: 'HIGH' }, { id: 'o1' }),
        rule('DLP', 'WARN', { minSeverity: 'MEDIUM' }, { id: 'o2' }),
      ],
      {
        name: 'Org',
      },
    ),
    policy('draft', [rule('DLP', 'BLOCK', { minSeverity: 'LOW' })], { status: 'DRAFT', name: 'Draft' }),
    policy('sales', [rule('DLP', 'BLOCK', { minSeverity: 'LOW' })], {
      scope: 'TEAM',
      scopeTargetId: 'team-sales',
      name: 'Sales',
    }),
    policy('bob', [rule('DLP', 'BLOCK', { minSeverity: 'LOW' })], {
      scope: 'IDENTITY',
      scopeTargetId: 'id-bob',
      name: 'Bob',
    }),
    policy('bad', [rule('OTHER', 'BLOCK', { regex: { pattern: '(', target: 'prompt' } }, { id: 'b1' })], {
      name: 'Bad',
    }),
  ];

  it('has a step per stage, policy and rule, then the decision', () => {
    const d = run({ policies, dlp: dlpOf(email), trace: true });
    expect(d.action).toBe('WARN');
    expect(d.trace!.map((s) => [s.stage, s.outcome, s.policyId ?? s.ruleId ?? '-'])).toEqual([
      ['license', 'matched', '-'],
      ['tool', 'matched', '-'],
      ['policy', 'matched', 'org'],
      ['rule', 'not-matched', 'org'],
      ['rule', 'matched', 'org'],
      ['policy', 'skipped', 'draft'],
      ['policy', 'not-matched', 'bad'],
      ['rule', 'not-matched', 'bad'],
      ['policy', 'skipped', 'sales'],
      ['policy', 'skipped', 'bob'],
      ['policy', 'decided', '-'],
    ]);
    const byPolicy = (id: string) => d.trace!.filter((s) => s.policyId === id);
    expect(byPolicy('draft')[0]!.detail).toBe('status DRAFT: only ACTIVE policies decide');
    expect(byPolicy('sales')[0]!.detail).toBe('for another team');
    expect(byPolicy('bob')[0]!.detail).toBe('for another person');
    expect(byPolicy('org')[1]).toMatchObject({
      ruleId: 'o1',
      ruleIndex: 1,
      kind: 'DLP',
      action: 'BLOCK',
      scope: 'ORG',
    });
    expect(byPolicy('org')[1]!.detail).toBe('no finding ≥ HIGH; found EMAIL (MEDIUM) at 40–57');
    expect(byPolicy('org')[2]!.detail).toBe('EMAIL (MEDIUM) at 40–57 ≥ MEDIUM');
    expect(byPolicy('bad')[1]!.detail).toMatch(/^pattern invalid \(\/\(\/: .+\); the rule never fires$/);
    expect(d.trace!.at(-1)!.detail).toBe('Strongest action of the matched rules: WARN (risk MEDIUM)');
  });

  it('ends with the fallback when no rule decided', () => {
    const d = run({ policies: [], dlp: dlpOf(card), trace: true });
    expect(d.trace!.at(-1)).toEqual({
      stage: 'fallback',
      outcome: 'decided',
      action: 'BLOCK',
      detail: 'No policy rule matched; default for CREDIT_CARD (CRITICAL) at 12–31 → BLOCK',
    });
  });

  it.each<[string, Parameters<typeof run>[0], string]>([
    ['license', { license: { status: 'REVOKED', expiresAt: '2030-01-01T00:00:00Z' } }, 'license'],
    ['tool', { context: { tool: tool({}) } }, 'tool'],
  ])('a %s short-circuit is the last step', (_name, input, stage) => {
    const d = run({ ...input, policies, trace: true });
    expect(d.trace!.at(-1)).toMatchObject({ stage, outcome: 'decided', action: 'BLOCK' });
    expect(d.trace!.some((s) => s.stage === 'policy')).toBe(false);
  });

  it('is absent unless asked for; the decision is otherwise the same', () => {
    const plain = run({ policies, dlp: dlpOf(email) });
    const traced = run({ policies, dlp: dlpOf(email), trace: true });
    expect('trace' in plain).toBe(false);
    const { trace: _trace, ...rest } = traced;
    expect(rest).toEqual(plain);
  });
});
