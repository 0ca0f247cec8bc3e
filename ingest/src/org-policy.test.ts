import { builtInCatalog } from '@kairro/catalog';
import { evaluate, MAX_PATTERN_MATCHES, scanText } from '@kairro/core';
import { describe, expect, it } from 'vitest';
import { toolCatalog } from './catalog.ts';
import { evaluationContext } from './context.ts';
import { compileOrgPolicy, extensionPolicy, re2Compiler } from './org-policy.ts';
import { orgConfig, policy, tool } from './test-fixtures/org.ts';

describe('re2Compiler', () => {
  it('reports UTF-16 ranges, honours case-insensitivity and caps the count', () => {
    const text = '😀 Project Falcon, project falcon';
    const ranges = (ci: boolean) =>
      re2Compiler('project falcon', ci)
        .matches(text)
        .map((r) => text.slice(r.start, r.end));
    expect(ranges(false)).toEqual(['project falcon']);
    expect(ranges(true)).toEqual(['Project Falcon', 'project falcon']);
    expect(re2Compiler('x', false).matches('x'.repeat(500))).toHaveLength(MAX_PATTERN_MATCHES);
  });

  it('throws the reason on a pattern the API would refuse', () => {
    expect(() => re2Compiler('(?=look)x', false)).toThrow(/Invalid RE2 syntax/);
    expect(() => re2Compiler('a*', false)).toThrow(/empty string/);
  });

  it('stays linear on input that makes backtracking engines explode', () => {
    expect(re2Compiler('(?:a+)+b', false).matches('a'.repeat(50_000))).toEqual([]);
  });
});

describe('compileOrgPolicy', () => {
  const url = new URL('https://chat.example/c/1');
  const decide = (compiled: ReturnType<typeof compileOrgPolicy>, prompt: string) => {
    const config = orgConfig();
    return evaluate({
      now: new Date('2026-06-01T00:00:00Z'),
      license: config.licenses.get('lic-1')!,
      policies: compiled.policies,
      dlp: scanText(prompt, { target: 'prompt' }),
      context: evaluationContext({ url, prompt }, 'ana@acme.com', config),
    });
  };

  it('reports a rule whose pattern cannot compile and keeps the rest of the org working', () => {
    const errors: unknown[] = [];
    const compiled = compileOrgPolicy(
      orgConfig({
        policies: [
          policy('Broken', [
            { kind: 'OTHER', action: 'BLOCK', criteria: { regex: { pattern: 'a*', target: 'prompt' } } },
          ]),
          policy('Codenames', [
            {
              kind: 'OTHER',
              action: 'WARN',
              criteria: { regex: { pattern: 'falcon', caseInsensitive: true, target: 'prompt' } },
            },
          ]),
        ],
      }),
      (err) => errors.push(err),
    );
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/Policy policy-Broken \(Broken\) rule Broken-rule-1: .*empty string/);
    expect(compiled.policies).toHaveLength(2);
    expect(decide(compiled, 'aaa').action).toBe('ALLOW');
    expect(decide(compiled, 'about FALCON').action).toBe('WARN');
  });
});

describe('extensionPolicy', () => {
  const tools = [
    tool({ id: 'chatgpt', name: 'ChatGPT', urlPatterns: ['https://chatgpt.com/*'] }),
    tool({ id: 'corp-gpt', applyPolicies: false }),
    tool({ id: 'pastebin-ai', status: 'UNAPPROVED', action: 'WARN', severity: 'HIGH' }),
  ];

  // A small catalog: chatgpt is in the org's list, claude and poe are not.
  const catalog = toolCatalog(builtInCatalog().filter((t) => ['chatgpt', 'claude', 'poe'].includes(t.id)));

  it('lists the tools with only what the extension needs', () => {
    const doc = extensionPolicy({ tools }, catalog);
    expect(doc).toEqual({
      version: expect.stringMatching(/^[0-9a-f]{16}$/),
      approvedTools: [
        { id: 'chatgpt', name: 'ChatGPT', urlPatterns: ['https://chatgpt.com/*'], applyPolicies: true },
        {
          id: 'corp-gpt',
          name: 'corp-gpt',
          urlPatterns: ['https://corp-gpt.example/*'],
          applyPolicies: false,
        },
      ],
      unapprovedTools: [
        {
          id: 'pastebin-ai',
          name: 'pastebin-ai',
          urlPatterns: ['https://pastebin-ai.example/*'],
          action: 'WARN',
          severity: 'HIGH',
        },
      ],
      watchedTools: [
        { id: 'claude', name: 'Claude', urlPatterns: ['https://claude.ai/*'] },
        { id: 'poe', name: 'Poe', urlPatterns: ['https://poe.com/*'] },
      ],
    });
  });

  it('watches every catalog tool the org did not list, by id, approved or not, but no AI feature of a broader product', () => {
    const shipped = builtInCatalog();
    const watched = extensionPolicy({ tools }).watchedTools.map((t) => t.id);
    const features = shipped.filter((t) => t.aiFeature).map((t) => t.id);
    expect(features).toContain('notion-ai');
    expect(watched).toHaveLength(shipped.length - features.length - 1);
    for (const id of features) expect(watched).not.toContain(id);
    expect(watched).not.toContain('chatgpt');
    expect(watched).toContain('claude');
    const all = extensionPolicy({
      tools: [...tools, tool({ id: 'claude', status: 'UNAPPROVED' })],
    }).watchedTools;
    expect(all.map((t) => t.id)).not.toContain('claude');
  });

  it('changes its version with the catalog, even when the watch list ids stay the same', () => {
    const { version } = extensionPolicy({ tools }, catalog);
    const moved = builtInCatalog()
      .filter((t) => ['chatgpt', 'claude', 'poe'].includes(t.id))
      .map((t) => (t.id === 'poe' ? { ...t, urlPatterns: ['https://poe.example/*'] } : t));
    expect(extensionPolicy({ tools }, toolCatalog(moved)).version).not.toBe(version);
    expect(extensionPolicy({ tools }, toolCatalog([...moved])).version).toBe(
      extensionPolicy({ tools }, toolCatalog(moved)).version,
    );
  });

  it('keeps its version while the tools are the same and changes it with any of them', () => {
    const { version } = extensionPolicy({ tools });
    expect(extensionPolicy({ tools: tools.map((t) => ({ ...t })) }).version).toBe(version);
    expect(compileOrgPolicy(orgConfig({ tools })).etag).toBe(`"${version}"`);
    // A policy change does not concern the extension: same document, same version.
    expect(compileOrgPolicy(orgConfig({ tools, policies: [policy('P', [])] })).etag).toBe(`"${version}"`);
    const changed = tools.map((t) => (t.id === 'pastebin-ai' ? { ...t, action: 'BLOCK' as const } : t));
    expect(extensionPolicy({ tools: changed }).version).not.toBe(version);
    expect(extensionPolicy({ tools: tools.slice(1) }).version).not.toBe(version);
  });

  describe('with the org’s custom tools', () => {
    const acme = {
      id: 'acme-gpt',
      name: 'Acme GPT',
      category: 'chat',
      urlPatterns: ['https://gpt.acme.example/*'],
    };
    const decided = { ...acme, id: 'pastebin-ai', name: 'Pastebin AI' };

    it('watches the undecided ones before the catalog’s, with only what the extension needs', () => {
      // Overlapping a catalog tool's pages: first, so the extension names the page as ingest does.
      const projects = { ...acme, id: 'claude-projects', urlPatterns: ['https://claude.ai/project/*'] };
      const doc = extensionPolicy({ tools, customTools: [acme, projects, decided] }, catalog);
      expect(doc.watchedTools).toEqual([
        { id: 'acme-gpt', name: 'Acme GPT', urlPatterns: ['https://gpt.acme.example/*'] },
        { id: 'claude-projects', name: 'Acme GPT', urlPatterns: ['https://claude.ai/project/*'] },
        { id: 'claude', name: 'Claude', urlPatterns: ['https://claude.ai/*'] },
        { id: 'poe', name: 'Poe', urlPatterns: ['https://poe.com/*'] },
      ]);
      // A decision takes the tool off the watch list: it is in the org's lists.
      expect(doc.unapprovedTools.map((t) => t.id)).toEqual(['pastebin-ai']);
    });

    it('changes the version when an undecided one is added, changed or deleted, not for a decided one', () => {
      const { version } = extensionPolicy({ tools, customTools: [] }, catalog);
      expect(extensionPolicy({ tools }, catalog).version).toBe(version);
      const added = extensionPolicy({ tools, customTools: [acme] }, catalog).version;
      expect(added).not.toBe(version);
      const moved = { ...acme, urlPatterns: ['https://acme.example/gpt/*'] };
      expect(extensionPolicy({ tools, customTools: [moved] }, catalog).version).not.toBe(added);
      // The category is not served: a change there is the same document.
      const recategorised = { ...acme, category: 'coding' };
      expect(extensionPolicy({ tools, customTools: [recategorised] }, catalog).version).toBe(added);
      expect(extensionPolicy({ tools, customTools: [decided] }, catalog).version).toBe(version);
      expect(compileOrgPolicy(orgConfig({ tools, customTools: [acme] }), () => {}, catalog).etag).toBe(
        `"${added}"`,
      );
    });
  });
});
