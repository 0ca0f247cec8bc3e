import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPolicy, loadOrgConfigs, type PolicyInput } from '@kairro/postgres';
import { simulatePolicy } from './simulate.ts';
import { buildPolicyLabWorld, type LabOrg, type PolicyLabWorld } from '../test-fixtures/policy-lab-world.ts';

/**
 * The policy lab against real Postgres and chDB: simulations count exactly the stored events a
 * draft changes (never another org's, only in the window), say which rules they cannot judge, and
 * explain shows a prompt's decision with its trace without ever echoing a raw value.
 */
let w: PolicyLabWorld;
let denyClaude: string;
let dlpDraft: string;
let redChatgpt: string;
let orgBPolicy: string;
beforeAll(async () => {
  w = await buildPolicyLabWorld();
  const draft = (over: Partial<PolicyInput>): PolicyInput => ({
    name: 'Draft',
    description: '',
    type: 'OTHER',
    status: 'DRAFT',
    scope: 'ORG',
    scopeTargetId: null,
    priority: 50,
    rules: [],
    ...over,
  });
  denyClaude = await insertPolicy(
    w.sql,
    w.a.orgId,
    draft({
      name: 'No Claude',
      rules: [{ kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: ['claude'] } }],
    }),
  );
  dlpDraft = await insertPolicy(
    w.sql,
    w.a.orgId,
    draft({
      name: 'Block IPs',
      type: 'DLP',
      rules: [
        { kind: 'DLP', action: 'BLOCK', criteria: { detectors: ['IP_ADDRESS'] } },
        { kind: 'DLP', action: 'BLOCK', criteria: { regex: { pattern: 'project-x', target: 'prompt' } } },
      ],
    }),
  );
  redChatgpt = await insertPolicy(
    w.sql,
    w.a.orgId,
    draft({
      name: 'Red: no ChatGPT',
      scope: 'TEAM',
      scopeTargetId: w.redTeamId,
      rules: [{ kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: ['chatgpt'] } }],
    }),
  );
  orgBPolicy = await insertPolicy(
    w.sql,
    w.b.orgId,
    draft({
      name: 'B draft',
      rules: [{ kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: ['claude'] } }],
    }),
  );
});
afterAll(async () => {
  await w?.close();
});

const post = async (org: LabOrg, url: string, payload: unknown) => {
  const res = await w.app.inject({
    method: 'POST',
    url,
    headers: { cookie: org.cookie },
    payload: payload as object,
  });
  return { status: res.statusCode, body: res.json(), text: res.body };
};

describe('POST /v1/admin/policies/{id}/simulate', () => {
  it('counts what a DENY_TOOLS draft changes: transitions, users, tools, samples (a VIEWER may ask)', async () => {
    const { status, body } = await post(w.a, `/v1/admin/policies/${denyClaude}/simulate`, {});
    expect(status).toBe(200);
    expect(body).toMatchObject({
      policy: { id: denyClaude, name: 'No Claude' },
      days: 7,
      events: 22,
      eventsInRange: 22,
      changed: 9,
      truncated: false,
      notSimulated: [],
      transitions: [
        { from: 'ALLOW', to: 'BLOCK', events: 5 },
        { from: 'WARN', to: 'BLOCK', events: 4 },
      ],
      users: [
        { user: 'bob@a.example', events: 5 },
        { user: 'alice@a.example', events: 3 },
        { user: 'carol@a.example', events: 1 },
      ],
      tools: [{ tool: 'claude', events: 9 }],
      // Baseline as the default policies decided: 2 BLOCK (card), 6 WARN (4 email, 2 poe).
      actions: {
        before: { ALLOW: 14, WARN: 6, MASK: 0, BLOCK: 2 },
        after: { ALLOW: 9, WARN: 2, MASK: 0, BLOCK: 11 },
      },
    });
    expect(new Date(body.to).getTime() - new Date(body.from).getTime()).toBe(7 * 24 * 3_600_000);
    expect(body.samples).toHaveLength(3);
    expect(body.samples.map((s: any) => [s.user, s.tool, s.before, s.after])).toEqual([
      ['bob@a.example', 'claude', 'ALLOW', 'BLOCK'],
      ['alice@a.example', 'claude', 'WARN', 'BLOCK'],
      ['carol@a.example', 'claude', 'WARN', 'BLOCK'],
    ]);
    const alice = body.samples[1];
    expect(w.a.events.find((e) => e.event_id === alice.eventId)?.user_email).toBe('alice@a.example');
    expect(alice.reasons).toContain('Policy "No Claude" rule 1: tool claude is denied → BLOCK');
    // The sample's own stored positions, not the group's placeholder ones.
    expect(alice.reasons.join('\n')).toContain('EMAIL (MEDIUM) at 5–12');
  });

  it('never counts another org’s events, and another org’s policy is not found', async () => {
    const b = await post(w.b, `/v1/admin/policies/${orgBPolicy}/simulate`, { days: 30 });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ events: 8, changed: 8, users: [{ user: 'zed@b.example', events: 8 }] });
    expect((await post(w.a, `/v1/admin/policies/${orgBPolicy}/simulate`, {})).status).toBe(404);
    expect((await post(w.b, `/v1/admin/policies/${denyClaude}/simulate`, {})).status).toBe(404);
  });

  it('lists the rules it cannot judge and treats them as not firing', async () => {
    const { body } = await post(w.a, `/v1/admin/policies/${dlpDraft}/simulate`, {});
    expect(body.notSimulated).toEqual([
      {
        policyId: dlpDraft,
        policyName: 'Block IPs',
        ruleIndex: 2,
        reason: expect.stringMatching(/regex needs the prompt text/),
      },
    ]);
    expect(body).toMatchObject({
      changed: 3,
      transitions: [
        { from: 'ALLOW', to: 'BLOCK', events: 2 },
        { from: 'WARN', to: 'BLOCK', events: 1 },
      ],
      users: [{ user: 'carol@a.example', events: 3 }],
      tools: [
        { tool: 'gemini', events: 2 },
        { tool: 'claude', events: 1 },
      ],
    });
  });

  it('applies a TEAM policy only to the team’s members, and respects the window', async () => {
    const week = await post(w.a, `/v1/admin/policies/${redChatgpt}/simulate`, { days: 7 });
    expect(week.body).toMatchObject({
      changed: 7,
      transitions: [{ from: 'ALLOW', to: 'BLOCK', events: 7 }],
      users: [{ user: 'alice@a.example', events: 7 }],
    });
    const month = await post(w.a, `/v1/admin/policies/${redChatgpt}/simulate`, { days: 30 });
    expect(month.body).toMatchObject({ days: 30, events: 25, changed: 10 });
    const day = await post(w.a, `/v1/admin/policies/${redChatgpt}/simulate`, { days: 1 });
    expect(day.body).toMatchObject({ events: 0, changed: 0, samples: [] });
  });

  it('refuses bad input: days 0 or 91, an id that is not a uuid, an unknown id', async () => {
    for (const days of [0, 91, 'x'])
      expect((await post(w.a, `/v1/admin/policies/${denyClaude}/simulate`, { days })).status).toBe(400);
    expect((await post(w.a, '/v1/admin/policies/not-a-uuid/simulate', {})).status).toBe(400);
    const unknown = await post(w.a, `/v1/admin/policies/00000000-0000-4000-8000-000000000000/simulate`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('takes no body at all (the default window)', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: `/v1/admin/policies/${denyClaude}/simulate`,
      headers: { cookie: w.a.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ days: 7, changed: 9 });
  });

  it('needs a session', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: `/v1/admin/policies/${denyClaude}/simulate`,
      payload: {},
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /v1/admin/policies/simulate (unsaved)', () => {
  it('simulates a body as a create would accept it: token limits use the stored counts', async () => {
    const { status, body } = await post(w.a, '/v1/admin/policies/simulate', {
      policy: {
        name: 'Long pastes',
        type: 'OTHER',
        rules: [{ kind: 'TOKEN_LIMIT', action: 'WARN', criteria: { maxTokens: 500 } }],
      },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      policy: { id: 'unsaved', name: 'Long pastes' },
      changed: 2,
      transitions: [{ from: 'ALLOW', to: 'WARN', events: 2 }],
    });
    expect(body.samples[0].reasons[0]).toMatch(/prompt is about 900 tokens > 500 → WARN/);
  });

  it('simulates unsaved edits of a saved policy in place of its saved version', async () => {
    const { body } = await post(w.a, '/v1/admin/policies/simulate', {
      policyId: denyClaude,
      policy: {
        name: 'No Claude',
        type: 'OTHER',
        rules: [{ kind: 'DENY_TOOLS', action: 'WARN', criteria: { tools: ['claude'] } }],
      },
    });
    expect(body).toMatchObject({
      policy: { id: denyClaude },
      changed: 5,
      transitions: [{ from: 'ALLOW', to: 'WARN', events: 5 }],
    });
  });

  it('refuses what a create would refuse (unknown tool, bad regex, bad scope target)', async () => {
    const rule = (criteria: object, kind = 'DENY_TOOLS') => ({
      policy: { name: 'Bad', type: 'OTHER', rules: [{ kind, action: 'BLOCK', criteria }] },
    });
    const unknownTool = await post(w.a, '/v1/admin/policies/simulate', rule({ tools: ['nope'] }));
    expect([unknownTool.status, unknownTool.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const regex = await post(
      w.a,
      '/v1/admin/policies/simulate',
      rule({ regex: { pattern: '(a', target: 'prompt' } }, 'OTHER'),
    );
    expect([regex.status, regex.body.error.code]).toEqual([400, 'INVALID_PATTERN']);
    const team = await post(w.a, '/v1/admin/policies/simulate', {
      policy: {
        name: 'Bad',
        type: 'OTHER',
        scope: 'TEAM',
        scopeTargetId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(team.status).toBe(400);
    expect((await post(w.a, '/v1/admin/policies/simulate', { days: 7 })).status).toBe(400);
  });
});

const CARD = '4111 1111 1111 1111';

describe('POST /v1/admin/policies/explain', () => {
  const explain = (org: LabOrg, over: object) =>
    post(org, '/v1/admin/policies/explain', {
      prompt: `pay with card ${CARD} please`,
      userEmail: 'alice@a.example',
      url: 'https://chatgpt.com/c/1',
      ...over,
    });

  it('gives the decision, the trace with the rule that matched, redacted findings and no raw value', async () => {
    const { status, body, text } = await explain(w.a, {});
    expect(status).toBe(200);
    expect(body).toMatchObject({
      action: 'BLOCK',
      riskLevel: 'CRITICAL',
      tool: { id: 'chatgpt', name: 'ChatGPT', status: 'APPROVED' },
      identity: { known: true, team: 'Red', teamId: w.redTeamId },
    });
    expect(body.alerts).toHaveLength(1);
    expect(body.findings).toEqual([
      expect.objectContaining({ detector: 'CREDIT_CARD', severity: 'CRITICAL', start: 14, end: 33 }),
    ]);
    expect(body.findings[0].snippet).toContain('[CREDIT_CARD]');
    const matched = body.trace.find((s: any) => s.stage === 'rule' && s.outcome === 'matched');
    expect(matched).toMatchObject({
      policyName: 'Block high and critical sensitive data',
      ruleIndex: 1,
      action: 'BLOCK',
    });
    expect(body.trace.map((s: any) => s.stage)).toEqual(
      expect.arrayContaining(['license', 'tool', 'policy', 'rule']),
    );
    expect(body.maskMapping).toBeUndefined();
    expect(text).not.toContain(CARD);
    expect(text).not.toContain(CARD.replaceAll(' ', ''));
  });

  it('ends on the fallback when no rule decides; an unknown user is not a known identity', async () => {
    const { body } = await explain(w.a, {
      prompt: 'write a haiku about spring',
      userEmail: 'nobody@a.example',
    });
    expect(body).toMatchObject({
      action: 'ALLOW',
      riskLevel: 'NONE',
      identity: { known: false },
      findings: [],
    });
    expect(body.trace.at(-1)).toMatchObject({ stage: 'fallback', outcome: 'decided', action: 'ALLOW' });
  });

  it('treats a saved draft as active, and a TEAM policy applies only to the team’s member', async () => {
    const member = await explain(w.a, { prompt: 'hello', policyId: redChatgpt });
    expect(member.body.action).toBe('BLOCK');
    expect(member.body.reasons).toContain('Policy "Red: no ChatGPT" rule 1: tool chatgpt is denied → BLOCK');
    const other = await explain(w.a, { prompt: 'hello', userEmail: 'bob@a.example', policyId: redChatgpt });
    expect(other.body).toMatchObject({ action: 'ALLOW', identity: { known: true } });
    expect(other.body.trace).toContainEqual(
      expect.objectContaining({ stage: 'policy', policyId: redChatgpt, outcome: 'skipped' }),
    );
    // Without policyId the draft is traced as skipped and decides nothing.
    expect((await explain(w.a, { prompt: 'hello' })).body.action).toBe('ALLOW');
  });

  it('runs an unsaved body, regex rules included, with masking and without the mapping', async () => {
    const { body } = await explain(w.a, {
      prompt: 'status of project-x for ana@acme-corp.com',
      policy: {
        name: 'Mask',
        type: 'DLP',
        rules: [
          { kind: 'DLP', action: 'MASK', criteria: { regex: { pattern: 'project-x', target: 'prompt' } } },
        ],
      },
    });
    expect(body.action).toBe('MASK');
    expect(body.maskedPrompt).toBe('status of [PATTERN_1] for ana@acme-corp.com');
    expect(body.maskMapping).toBeUndefined();
  });

  it('checks regex rules on the completion when one is given', async () => {
    const policy = {
      name: 'Reply check',
      type: 'OTHER',
      rules: [
        {
          kind: 'OTHER',
          action: 'WARN',
          criteria: { regex: { pattern: 'internal only', target: 'completion' } },
        },
      ],
    };
    const withReply = await explain(w.a, { prompt: 'hello', completion: 'this is internal only', policy });
    expect(withReply.body.action).toBe('WARN');
    expect(withReply.body.reasons[0]).toMatch(/in the completion/);
    expect((await explain(w.a, { prompt: 'hello', policy })).body.action).toBe('ALLOW');
  });

  it('refuses bad input and another org’s policy', async () => {
    expect((await explain(w.a, { url: 'not a url' })).status).toBe(400);
    expect((await explain(w.a, { url: 'ftp://chatgpt.com/' })).status).toBe(400);
    expect((await explain(w.a, { userEmail: 'not-an-email' })).status).toBe(400);
    expect((await explain(w.a, { prompt: 'x'.repeat(262_145) })).status).toBe(400);
    expect((await explain(w.a, { policyId: orgBPolicy })).status).toBe(404);
  });

  it('writes no event', async () => {
    const count = async () =>
      (
        await w.ch.client
          .query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' })
          .then((r) => r.json<{ n: string }>())
      )[0]!.n;
    const before = await count();
    await explain(w.a, {});
    expect(await count()).toBe(before);
  });
});

describe('simulatePolicy', () => {
  it('evaluates the biggest groups first and says when it stopped short', async () => {
    const config = (await loadOrgConfigs(w.sql, [w.a.orgId])).get(w.a.orgId)!;
    const policy = config.policies.find((p) => p.id === denyClaude)!;
    const result = await simulatePolicy({
      ch: w.ch.client,
      config,
      policy,
      days: 7,
      now: new Date(),
      maxGroups: 2,
    });
    // The two biggest groups: bob on claude (5 events) and alice on chatgpt without findings (4).
    expect(result).toMatchObject({ truncated: true, groups: 2, events: 9, eventsInRange: 22, changed: 5 });
  });
});
