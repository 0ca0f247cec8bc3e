import { describe, expect, it } from 'vitest';
import {
  BUILTIN_DETECTORS,
  compilePolicies,
  evaluate,
  regExpCompiler,
  scanText,
  type Policy,
  type ToolConfig,
} from '@kairro/core';
import { contextFromStored, dlpFromFindings, findingsFromTuples, type StoredContext } from './reconstruct.ts';

const chatgpt: ToolConfig = {
  id: 'chatgpt',
  name: 'ChatGPT',
  status: 'APPROVED',
  urlPatterns: ['https://chatgpt.com/*'],
  applyPolicies: true,
  action: 'BLOCK',
  severity: 'MEDIUM',
};
const directory = {
  tools: [chatgpt],
  identities: new Map([['alice@a.example', { identityId: 'id-alice', teamId: 'team-red' }]]),
};
const row = (over: Partial<StoredContext> = {}): StoredContext => ({
  user: 'alice@a.example',
  tool: 'chatgpt',
  host: 'chatgpt.com',
  inputType: '',
  model: '',
  promptTokens: 12,
  ...over,
});

describe('dlpFromFindings', () => {
  it('summarises stored findings as a scan would', () => {
    const dlp = dlpFromFindings([
      { detector: 'EMAIL', severity: 'MEDIUM', target: 'prompt' },
      { detector: 'CREDIT_CARD', severity: 'CRITICAL', target: 'prompt' },
      { detector: 'AWS_KEY', severity: 'HIGH', target: 'response', start: 3, end: 9, ruleId: 'aws' },
    ]);
    expect(dlp.summary).toEqual({
      maxSeverity: 'CRITICAL',
      totalMatches: 3,
      highOrAbove: 2,
      critical: 1,
      detectors: ['AWS_KEY', 'CREDIT_CARD', 'EMAIL'],
    });
    expect(dlp.matches.map((m) => [m.start, m.end, m.snippet, m.target])).toEqual([
      [0, 0, '', 'prompt'],
      [0, 0, '', 'prompt'],
      [3, 9, '', 'response'],
    ]);
  });

  it('is empty without findings', () => {
    expect(dlpFromFindings([]).summary).toEqual({
      maxSeverity: null,
      totalMatches: 0,
      highOrAbove: 0,
      critical: 0,
      detectors: [],
    });
  });

  it('decides like the scan it replaces: the same action for every rule on findings', () => {
    const prompts = [
      'pay with card 4111 1111 1111 1111 please',
      'mail ana@acme-corp.com about the invoice',
      'write a haiku about spring',
      'card 5500 0000 0000 0004 and bob@corp-mail.com',
    ];
    const policies: Policy[] = [
      {
        id: 'p1',
        name: 'Cards',
        description: '',
        type: 'DLP',
        status: 'ACTIVE',
        scope: 'ORG',
        scopeTargetId: null,
        priority: 1,
        isDefault: false,
        rules: [
          { id: 'r1', kind: 'DLP', action: 'BLOCK', criteria: { detectors: ['CREDIT_CARD'] } },
          { id: 'r2', kind: 'DLP', action: 'WARN', criteria: { minSeverity: 'MEDIUM' } },
          { id: 'r3', kind: 'DLP', action: 'ALERT', criteria: { detectors: ['EMAIL'] } },
        ],
      },
    ];
    const compiled = compilePolicies(policies, regExpCompiler);
    const now = new Date('2026-11-22T10:00:00Z');
    const license = { status: 'ACTIVE' as const, expiresAt: '2027-01-01T00:00:00Z' };
    for (const prompt of prompts) {
      const scanned = scanText(prompt, { target: 'prompt', detectors: BUILTIN_DETECTORS });
      const context = { ...contextFromStored(row(), directory), prompt };
      const live = evaluate({ now, license, policies: compiled, dlp: scanned, context });
      const stored = findingsFromTuples(scanned.matches.map((m) => [m.detector, m.severity, m.target]));
      const rebuilt = evaluate({
        now,
        license,
        policies: compiled,
        dlp: dlpFromFindings(stored),
        context: contextFromStored(row(), directory),
      });
      expect([rebuilt.action, rebuilt.riskLevel, rebuilt.alerts.length, rebuilt.policyIds]).toEqual([
        live.action,
        live.riskLevel,
        live.alerts.length,
        live.policyIds,
      ]);
    }
  });
});

describe('findingsFromTuples', () => {
  it('reads ClickHouse tuples and drops rows with an unknown severity', () => {
    expect(
      findingsFromTuples([
        ['EMAIL', 'MEDIUM', 'prompt'],
        ['X', 'SEVERE', 'prompt'],
        ['AWS_KEY', 'HIGH', 'response'],
        [42, 'LOW', 'prompt'],
      ]),
    ).toEqual([
      { detector: 'EMAIL', severity: 'MEDIUM', target: 'prompt' },
      { detector: 'AWS_KEY', severity: 'HIGH', target: 'response' },
    ]);
  });
});

describe('contextFromStored', () => {
  it('takes the org’s current tool and identity, no text, no metadata', () => {
    expect(contextFromStored(row({ user: 'Alice@A.example' }), directory)).toEqual({
      prompt: '',
      host: 'chatgpt.com',
      toolId: 'chatgpt',
      tool: chatgpt,
      identity: { email: 'Alice@A.example', identityId: 'id-alice', teamId: 'team-red' },
      promptTokens: 12,
      metadata: {},
    });
  });

  it('leaves the tool unclassified and the identity unknown when the org has neither', () => {
    const ctx = contextFromStored(
      row({ user: 'x@a.example', tool: 'chat.unknown.example', host: 'chat.unknown.example' }),
      directory,
    );
    expect(ctx.tool).toBeNull();
    expect(ctx.toolId).toBe('chat.unknown.example');
    expect(ctx.identity).toEqual({ email: 'x@a.example', identityId: null, teamId: null });
  });

  it('classifies a host that was an unknown tool then but is one of the org’s tools now', () => {
    const poe: ToolConfig = {
      ...chatgpt,
      id: 'poe',
      name: 'Poe',
      status: 'UNAPPROVED',
      urlPatterns: ['https://poe.com/*'],
    };
    const org = { ...directory, tools: [chatgpt, poe] };
    const ctx = contextFromStored(row({ tool: 'poe.com', host: 'poe.com' }), org);
    expect([ctx.toolId, ctx.tool]).toEqual(['poe', poe]);
    // A recorded tool id the org no longer has stays itself, unclassified.
    const gone = contextFromStored(row({ tool: 'oldtool', host: 'poe.com' }), org);
    expect([gone.toolId, gone.tool]).toEqual(['oldtool', null]);
  });

  it('keeps input type and model only when stored and valid', () => {
    expect(contextFromStored(row({ inputType: 'paste', model: 'gpt-4o' }), directory)).toMatchObject({
      inputType: 'paste',
      model: 'gpt-4o',
    });
    const blank = contextFromStored(row({ inputType: 'dictated' }), directory);
    expect('inputType' in blank).toBe(false);
    expect('model' in blank).toBe(false);
  });
});
