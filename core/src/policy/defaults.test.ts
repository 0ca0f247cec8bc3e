import { describe, expect, it } from 'vitest';
import { scanText } from '../dlp/scan.ts';
import { criteriaProblem } from './criteria.ts';
import { defaultTools } from './default-tools.ts';
import { defaultPolicies } from './defaults.ts';
import type { Policy } from './types.ts';
import { run } from './test-helpers.ts';
import { isValidUrlPattern, resolveTool } from './tools.ts';

const withIds = (): Policy[] =>
  defaultPolicies().map((p, i) => ({
    ...p,
    id: `p${i}`,
    rules: p.rules.map((r, j) => ({ ...r, id: `p${i}r${j}` })),
  }));

const decide = (prompt: string, context: Parameters<typeof run>[0] = {}) =>
  run({
    policies: withIds(),
    dlp: scanText(prompt),
    ...context,
    context: { prompt, inputType: 'typed', ...context.context },
  });

describe('defaultPolicies on typed prompts', () => {
  it('blocks a card, naming the policy, and alerts the SOC', () => {
    const prompt = 'please refund card 4539 1488 0343 6467 today';
    const d = decide(prompt);
    expect(d.action).toBe('BLOCK');
    expect(d.riskLevel).toBe('CRITICAL');
    expect(d.reasons[0]).toBe(
      'Policy "Block high and critical sensitive data" rule 1: CREDIT_CARD (CRITICAL) at 19–38 ≥ HIGH → BLOCK',
    );
    expect(d.alerts.map((a) => [a.policyName, a.severity])).toEqual([
      ['Alert on critical sensitive data', 'CRITICAL'],
    ]);
    expect(JSON.stringify(d)).not.toContain('4539');
  });

  it('warns on an email', () => {
    const d = decide('mail a.b@acme-corp.com about the offsite');
    expect(d).toMatchObject({ action: 'WARN', riskLevel: 'MEDIUM', alerts: [] });
    expect(d.reasons[0]).toMatch(/^Policy "Warn on medium sensitive data" rule 1: EMAIL \(MEDIUM\)/);
  });

  it.each(['write a haiku about autumn', 'hello there, summarise this meeting'])(
    'allows clean text: %j',
    (prompt) => {
      expect(decide(prompt)).toMatchObject({ action: 'ALLOW', riskLevel: 'NONE', policyIds: [], alerts: [] });
    },
  );

  it.each(['pastebin.com', 'www.pastebin.com', 'rentry.co'])(
    'blocks any prompt on a paste site: %s',
    (host) => {
      const d = decide('just some notes', { context: { host, toolId: host } });
      expect(d).toMatchObject({ action: 'BLOCK', riskLevel: 'HIGH' });
      expect(d.reasons[0]).toMatch(/^Policy "Block paste sites" rule 1: .*restricted domain/);
    },
  );

  it('the model template is disabled, so no model is blocked by default', () => {
    expect(decide('hi', { context: { model: 'example-model-1' } }).action).toBe('ALLOW');
    const enabled = withIds().map((p) => ({ ...p, status: 'ACTIVE' as const }));
    const d = run({
      policies: enabled,
      dlp: scanText('hi'),
      context: { prompt: 'hi', model: 'Example-Model-2' },
    });
    expect(d.action).toBe('BLOCK');
  });
});

describe('defaultPolicies', () => {
  it('are org-wide defaults with distinct names and priorities, each rule well-formed', () => {
    const policies = defaultPolicies();
    expect(policies.every((p) => p.isDefault && p.scope === 'ORG' && p.scopeTargetId === null)).toBe(true);
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
    expect(new Set(policies.map((p) => p.priority)).size).toBe(policies.length);
    expect(policies.every((p) => p.description.length > 20)).toBe(true);
    for (const p of policies) for (const r of p.rules) expect(criteriaProblem({ ...r, id: 'x' })).toBeNull();
  });

  it('returns fresh objects each call', () => {
    const a = defaultPolicies();
    a[0]!.rules[0]!.action = 'ALLOW';
    a[2]!.rules[0]!.criteria.domains!.push('chatgpt.com');
    expect(defaultPolicies()[0]!.rules[0]!.action).toBe('BLOCK');
    expect(defaultPolicies()[2]!.rules[0]!.criteria.domains).not.toContain('chatgpt.com');
  });
});

describe('defaultTools', () => {
  it('have unique ids and valid URL patterns', () => {
    const tools = defaultTools();
    expect(new Set(tools.map((t) => t.id)).size).toBe(tools.length);
    for (const t of tools) for (const p of t.urlPatterns) expect(isValidUrlPattern(p)).toBeNull();
  });

  it.each<[string, string | null, string | null]>([
    ['https://chatgpt.com/c/1', 'chatgpt', 'APPROVED'],
    ['https://chat.openai.com/', 'chatgpt', 'APPROVED'],
    ['https://claude.ai/new', 'claude', 'APPROVED'],
    ['https://gemini.google.com/app', 'gemini', 'APPROVED'],
    ['https://copilot.microsoft.com/', 'copilot', 'APPROVED'],
    ['https://www.perplexity.ai/search', 'perplexity', 'APPROVED'],
    ['https://chat.mistral.ai/chat', 'mistral', 'APPROVED'],
    ['https://chat.deepseek.com/', 'deepseek', 'APPROVED'],
    ['https://poe.com/GPT-4', 'poe', 'UNAPPROVED'],
    ['https://beta.character.ai/', 'character-ai', 'UNAPPROVED'],
    ['https://you.com/search?q=x', 'you', 'UNAPPROVED'],
    ['https://huggingface.co/chat/', 'huggingchat', 'UNAPPROVED'],
    ['https://huggingface.co/models', null, null],
    ['https://example.com/', null, null],
  ])('%s → %s', (url, id, status) => {
    const t = resolveTool(new URL(url), defaultTools());
    expect([t?.id ?? null, t?.status ?? null]).toEqual([id, status]);
  });

  it('approved tools apply policies; unapproved ones warn at MEDIUM', () => {
    for (const t of defaultTools()) {
      if (t.status === 'APPROVED')
        expect([t.applyPolicies, t.action, t.severity]).toEqual([true, 'ALLOW', 'LOW']);
      else expect([t.action, t.severity]).toEqual(['WARN', 'MEDIUM']);
    }
  });
});
