import { defaultTools } from '@kairro/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInCatalog, loadCatalog } from './load.ts';
import { catalogToolForUrl } from './lookup.ts';
import { riskScore } from './risk-score.ts';
import { validEntry } from './fixtures/entries.ts';

/** The hosts a core tool's URL patterns name: `https://*.character.ai/*` → character.ai. */
const hostsOf = (patterns: string[]): string[] =>
  patterns.map((p) => (/^[^:]*:\/\/([^/]*)/.exec(p)?.[1] ?? '').replace(/^\*\./, '')).sort();

describe('the shipped catalog', () => {
  it('is valid and lists at least 150 tools', () => {
    // builtInCatalog throws listing every problem (file, entry, field) when the data is invalid.
    expect(builtInCatalog().length).toBeGreaterThanOrEqual(150);
  });

  it("holds every one of core's default tools under the same id, with the same domains", () => {
    const byId = new Map(builtInCatalog().map((t) => [t.id, t]));
    for (const tool of defaultTools()) {
      expect(byId.get(tool.id)?.domains.toSorted(), tool.id).toEqual(hostsOf(tool.urlPatterns));
    }
  });

  it('scores every tool between 0 and 100', () => {
    for (const tool of builtInCatalog()) expect(riskScore(tool.attributes).score).toBeLessThanOrEqual(100);
  });
});

describe('catalogToolForUrl', () => {
  const tools = [
    validEntry(),
    validEntry({ id: 'narrow', domains: ['x.io'], urlPatterns: ['https://x.io/chat*'] }),
  ];

  it.each<[string, string | null]>([
    ['https://examplechat.ai/c/1', 'examplechat'],
    ['https://www.examplechat.ai/', 'examplechat'],
    ['https://x.io/chat/1', 'narrow'],
    ['https://x.io/docs', null],
    ['https://examplechat.ai.evil.io/', null],
  ])('%s → %s', (url, id) => {
    expect(catalogToolForUrl(new URL(url), tools)?.id ?? null).toBe(id);
  });
});

describe('loadCatalog', () => {
  it('throws listing every problem with its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairro-catalog-'));
    try {
      writeFileSync(join(dir, 'a.yaml'), 'id: not-a-list\n');
      writeFileSync(join(dir, 'b.yaml'), '- id: [unclosed\n');
      writeFileSync(join(dir, 'c.yaml'), `- ${JSON.stringify({ ...validEntry(), category: 'nope' })}\n`);
      const load = () => loadCatalog(pathToFileURL(`${dir}/`));
      expect(load).toThrow(/a\.yaml: must be a YAML list of tools/);
      expect(load).toThrow(/- b\.yaml: /);
      expect(load).toThrow(/c\.yaml: examplechat: category: "nope"/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('returns frozen entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairro-catalog-'));
    try {
      writeFileSync(join(dir, 'chat.yaml'), `- ${JSON.stringify(validEntry())}\n`);
      const [tool] = loadCatalog(pathToFileURL(`${dir}/`));
      expect(tool).toEqual(validEntry());
      expect(Object.isFrozen(tool?.attributes.sso)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
