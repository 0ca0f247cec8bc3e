import { fakeBrowser } from '../testing/fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALLOW_RESPONSE, startIngest, type FakeIngest } from '../testing/fake-ingest.ts';
import type { FailMode } from './config.ts';
import { createDecisionsLog } from './decisions-log.ts';
import { createEvaluator, parseDecided } from './evaluate.ts';
import type { PromptCheck } from './messages.ts';
import { createRegistrar, type Registrar } from './registration.ts';
import * as items from './storage.ts';

const PROMPT = 'refund card 4539 1488 0343 6467 for ana@example.com';
const check: PromptCheck = { url: 'https://chatgpt.com/c/42?q=secret', prompt: PROMPT, inputType: 'paste' };

const card = {
  detector: 'CREDIT_CARD',
  ruleId: 'cc',
  severity: 'CRITICAL',
  start: 12,
  end: 31,
  snippet: 'refund card [CREDIT_CARD]',
};
const email = {
  detector: 'EMAIL',
  ruleId: 'email',
  severity: 'MEDIUM',
  start: 36,
  end: 51,
  snippet: '… for [EMAIL]',
};
const response = (action: string, extra: Record<string, unknown> = {}) => ({
  ...ALLOW_RESPONSE,
  action,
  riskLevel: 'CRITICAL',
  reasons: [`Policy "P" rule 1: CREDIT_CARD (CRITICAL) at 12–31 ≥ HIGH → ${action}`],
  alerts: 1,
  dlp: {
    maxSeverity: 'CRITICAL',
    totalMatches: 2,
    highOrAbove: 1,
    critical: 1,
    detectors: ['CREDIT_CARD', 'EMAIL'],
    matches: [card, email],
  },
  ...extra,
});

let ingest: FakeIngest;
let registrar: Registrar;
const log = createDecisionsLog(() => new Date('2026-03-01T12:00:00.000Z'));
const evaluator = (timeoutMs = 1_000) => createEvaluator({ fetch, registrar, log, timeoutMs });

async function configure(failMode: FailMode = 'closed') {
  await items.writeLocalConfig({
    backendUrl: ingest.url,
    licenseKey: 'krr_lic_0123456789',
    userEmail: 'alice@example.com',
    failMode,
  });
  await registrar.refresh();
}

beforeEach(async () => {
  fakeBrowser.reset();
  ingest = await startIngest();
  registrar = createRegistrar({ fetch, timeoutMs: 1_000 });
});
afterEach(() => ingest.close());

describe('evaluate', () => {
  it('posts the prompt with the token and maps an ALLOW', async () => {
    await configure();
    const verdict = await evaluator().evaluate({ ...check, model: 'gpt-5' });
    expect(verdict).toEqual({
      kind: 'decided',
      eventId: 'evt-1',
      action: 'ALLOW',
      riskLevel: 'NONE',
      reasons: ALLOW_RESPONSE.reasons,
      findings: [],
    });
    const [req] = ingest.requests('evaluate');
    expect(req!.headers.authorization).toBe('Bearer token-1');
    expect(req!.body).toEqual({ url: check.url, prompt: PROMPT, inputType: 'paste', model: 'gpt-5' });
  });

  it.each(['WARN', 'BLOCK'])(
    'maps %s with its reasons and findings (detector, severity, snippet only)',
    async (action) => {
      await configure();
      ingest.on('evaluate', () => ({ status: 200, json: response(action) }));
      expect(await evaluator().evaluate(check)).toEqual({
        kind: 'decided',
        eventId: 'evt-1',
        action,
        riskLevel: 'CRITICAL',
        reasons: [`Policy "P" rule 1: CREDIT_CARD (CRITICAL) at 12–31 ≥ HIGH → ${action}`],
        findings: [
          { detector: 'CREDIT_CARD', severity: 'CRITICAL', snippet: 'refund card [CREDIT_CARD]' },
          { detector: 'EMAIL', severity: 'MEDIUM', snippet: '… for [EMAIL]' },
        ],
      });
    },
  );

  it('maps MASK with the masked prompt and the mapping', async () => {
    await configure();
    const maskMapping = { '[CREDIT_CARD_1]': '4539 1488 0343 6467', '[EMAIL_1]': 'ana@example.com' };
    ingest.on('evaluate', () => ({
      status: 200,
      json: response('MASK', { maskedPrompt: 'refund card [CREDIT_CARD_1] for [EMAIL_1]', maskMapping }),
    }));
    expect(await evaluator().evaluate(check)).toMatchObject({
      kind: 'decided',
      action: 'MASK',
      maskedPrompt: 'refund card [CREDIT_CARD_1] for [EMAIL_1]',
      maskMapping,
    });
  });

  it.each<[FailMode, string]>([
    ['closed', 'HELD'],
    ['open', 'SENT_UNCHECKED'],
  ])('times out as unavailable with fail mode %s and degrades the status', async (failMode, logged) => {
    await configure(failMode);
    ingest.on('evaluate', () => 'hang');
    const started = Date.now();
    const verdict = await evaluator(300).evaluate(check);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(verdict).toEqual({
      kind: 'unavailable',
      failMode,
      reason: `This prompt could not be checked: the Kairro backend at ${ingest.url} did not answer within 0.3 s.`,
    });
    expect(await items.status.getValue()).toMatchObject({
      state: 'degraded',
      code: 'TIMEOUT',
      message: expect.stringMatching(/^Prompts cannot be checked: /),
    });
    expect((await log.list())[0]).toMatchObject({ action: logged, detectors: [] });
  });

  it('treats a 5xx as unavailable and returns to protected once the backend answers again', async () => {
    await configure();
    ingest.on('evaluate', () => ({
      status: 503,
      json: { error: { code: 'UNAVAILABLE', message: 'stream full' } },
    }));
    expect(await evaluator().evaluate(check)).toMatchObject({
      kind: 'unavailable',
      failMode: 'closed',
      reason: expect.stringContaining('HTTP 503: stream full'),
    });
    expect(await items.status.getValue()).toMatchObject({ state: 'degraded', code: 'UNAVAILABLE' });

    ingest.on('evaluate', undefined);
    expect(await evaluator().evaluate(check)).toMatchObject({ kind: 'decided', action: 'ALLOW' });
    await expect.poll(async () => (await items.status.getValue()).state).toBe('protected');
    expect(ingest.requests('register')).toHaveLength(1);
  });

  it('answers a prompt the backend refuses (e.g. too large) as unavailable without degrading', async () => {
    await configure();
    ingest.on('evaluate', () => ({
      status: 413,
      json: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The prompt is too large.' } },
    }));
    expect(await evaluator().evaluate(check)).toEqual({
      kind: 'unavailable',
      failMode: 'closed',
      reason: 'The Kairro backend refused to check this prompt: The prompt is too large.',
    });
    expect((await items.status.getValue()).state).toBe('protected');
  });

  it('registers again on 401 INVALID_TOKEN and retries once', async () => {
    await configure();
    await items.token.setValue('revoked-token');
    expect(await evaluator().evaluate(check)).toMatchObject({ kind: 'decided', action: 'ALLOW' });
    expect(ingest.requests('register')).toHaveLength(2);
    expect(ingest.requests('evaluate').map((r) => r.headers.authorization)).toEqual([
      'Bearer revoked-token',
      'Bearer token-2',
    ]);
  });

  it('gives up after one retry when the new token is refused too', async () => {
    await configure();
    ingest.on('evaluate', () => ({
      status: 401,
      json: { error: { code: 'INVALID_TOKEN', message: 'The token is invalid or expired; register again.' } },
    }));
    expect(await evaluator().evaluate(check)).toEqual({
      kind: 'unavailable',
      failMode: 'closed',
      reason:
        'This prompt could not be checked: INVALID_TOKEN: The token is invalid or expired; register again.',
    });
    expect(ingest.requests('evaluate')).toHaveLength(2);
    expect(ingest.requests('register')).toHaveLength(3);
  });

  it('is unavailable when re-registration finds the license expired', async () => {
    await configure('open');
    await items.token.setValue('old-token');
    ingest.on('register', () => ({
      status: 403,
      json: {
        error: {
          code: 'LICENSE_EXPIRED',
          message: 'This license expired on 2026-02-01. Contact your admin.',
        },
      },
    }));
    expect(await evaluator().evaluate(check)).toEqual({
      kind: 'unavailable',
      failMode: 'open',
      reason: 'This prompt could not be checked: This license expired on 2026-02-01. Contact your admin.',
    });
    expect(await items.status.getValue()).toMatchObject({ state: 'unlicensed', code: 'LICENSE_EXPIRED' });
  });

  it('is unavailable without a network call when not configured', async () => {
    await items.writeLocalConfig({ backendUrl: ingest.url, failMode: 'open' });
    expect(await evaluator().evaluate(check)).toEqual({
      kind: 'unavailable',
      failMode: 'open',
      reason: 'Not configured: license key, email.',
    });
    expect(ingest.received).toHaveLength(0);
    expect((await log.list())[0]).toMatchObject({ action: 'SENT_UNCHECKED' });
  });

  it('is unavailable without a network call when unlicensed', async () => {
    ingest.on('register', () => ({
      status: 403,
      json: { error: { code: 'LICENSE_REVOKED', message: 'This license was revoked. Contact your admin.' } },
    }));
    await configure();
    const before = ingest.received.length;
    expect(await evaluator().evaluate(check)).toEqual({
      kind: 'unavailable',
      failMode: 'closed',
      reason: 'This license was revoked. Contact your admin.',
    });
    expect(ingest.received).toHaveLength(before);
  });

  it('records every evaluation in the decisions log without prompt text or snippets', async () => {
    await configure();
    ingest.on('evaluate', () => ({ status: 200, json: response('BLOCK') }));
    await evaluator().evaluate(check);
    expect(await log.list()).toEqual([
      {
        at: '2026-03-01T12:00:00.000Z',
        host: 'chatgpt.com',
        action: 'BLOCK',
        detectors: ['CREDIT_CARD', 'EMAIL'],
      },
    ]);
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    for (const secret of ['4539', 'ana@example.com', 'refund', '[CREDIT_CARD]', 'secret', '/c/42']) {
      expect(stored).not.toContain(secret);
    }
  });
});

describe('parseDecided', () => {
  it('rejects bodies that are not the evaluate contract', () => {
    expect(parseDecided(response('BLOCK'))).toBeDefined();
    expect(parseDecided({ ...response('BLOCK'), action: 'EXPLODE' })).toBeUndefined();
    expect(parseDecided({ ...response('BLOCK'), dlp: { matches: [{ detector: 'X' }] } })).toBeUndefined();
    expect(parseDecided({ eventId: 'e' })).toBeUndefined();
  });
});
