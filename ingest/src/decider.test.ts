import { afterEach, describe, expect, it } from 'vitest';
import { createDecider, type Decider } from './decider.ts';
import { preciseNow, type DecisionJob, type DecisionReply } from './decision-job.ts';
import { compileOrgConfig, type IngestOrgConfig } from './org-config.ts';
import { orgConfig, policy } from './test-fixtures/org.ts';

const config = (rules: Parameters<typeof policy>[1]): IngestOrgConfig =>
  compileOrgConfig(orgConfig({ policies: [policy('P', rules)] }));
const maskEmails = config([{ kind: 'DLP', action: 'MASK', criteria: { detectors: ['EMAIL'] } }]);
const blockFalcon = config([
  {
    kind: 'OTHER',
    action: 'BLOCK',
    severity: 'HIGH',
    criteria: { regex: { pattern: 'falcon', target: 'prompt' } },
  },
]);

const job = (prompt: string, eventId = 'e-1'): DecisionJob => ({
  claims: { orgId: 'org-1', endpointId: 'ep-1', licenseId: 'lic-1', email: 'ana@acme.com' },
  body: { url: 'https://claude.ai/chat/1', prompt, inputType: 'paste' },
  eventId,
  now: Date.parse('2026-06-01T00:00:00Z'),
  startedAt: preciseNow(),
});

/** The reply without the event's latency, which differs from run to run. */
const comparable = (reply: DecisionReply) => {
  if (!reply.ok) return reply;
  const { latency_ms: latency, ...event } = JSON.parse(reply.event) as Record<string, unknown>;
  expect(latency).toBeGreaterThanOrEqual(0);
  return { ...reply, event, matches: reply.matches.map((m) => JSON.parse(m) as unknown) };
};

let decider: Decider | undefined;
afterEach(() => decider?.close());

describe('createDecider', () => {
  it('answers on a decision thread exactly as on the event loop', async () => {
    decider = createDecider(1);
    const prompts = ['hello', 'mail ana@acme-corp.com and bo@acme-corp.com', 'card 4111 1111 1111 1111'];
    for (const [i, prompt] of prompts.entries()) {
      const inline = await createDecider(0).decide(job(prompt, `e-${i}`), maskEmails);
      const threaded = await decider.decide(job(prompt, `e-${i}`), maskEmails);
      expect(comparable(threaded)).toEqual(comparable(inline));
    }
    const masked = await decider.decide(job('mail ana@acme-corp.com'), maskEmails);
    expect(masked.ok && masked.response.maskedPrompt).toBe('mail [EMAIL_1]');
  });

  it('decides with the config the request saw: a new config object reaches the thread', async () => {
    decider = createDecider(1);
    const action = async (c: IngestOrgConfig) => {
      const reply = await decider!.decide(job('project falcon'), c);
      return reply.ok ? reply.action : reply.invalid;
    };
    expect(await action(maskEmails)).toBe('ALLOW');
    expect(await action(blockFalcon)).toBe('BLOCK');
    expect(await action(maskEmails)).toBe('ALLOW');
  });

  it('answers a URL it cannot use as invalid, on a thread too', async () => {
    decider = createDecider(1);
    const reply = await decider.decide(
      { ...job('hi'), body: { url: 'ftp://x.example/', prompt: 'hi' } },
      maskEmails,
    );
    expect(reply).toEqual({
      ok: false,
      invalid: '"url" must be an absolute http(s) URL, got "ftp://x.example/"',
    });
  });

  it('fails the jobs of a thread that dies, and a fresh thread takes the next ones', async () => {
    const errors: unknown[] = [];
    decider = createDecider(1, (err) => errors.push(err));
    // A config the thread cannot compile kills it (the main thread never compiles what it sends).
    const broken = { ...maskEmails, policies: null } as unknown as IngestOrgConfig;
    await expect(decider.decide(job('hi'), broken)).rejects.toThrow(/decision thread exited/);
    const reply = await decider.decide(job('mail ana@acme-corp.com'), maskEmails);
    expect(reply.ok && reply.action).toBe('MASK');
    expect(errors.map(String).join('\n')).toMatch(/decision thread exited/);
  });

  it('refuses a thread count that is not a whole number ≥ 0', () => {
    expect(() => createDecider(-1)).toThrow(/whole number/);
    expect(() => createDecider(1.5)).toThrow(/whole number/);
  });
});
