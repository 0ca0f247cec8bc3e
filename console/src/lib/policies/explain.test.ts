import { describe, expect, it } from 'vitest';
import type { Tool } from '../api/policy-types.ts';
import { isHighlighted, parseMetadata, toolUrls, urlFromPattern } from './explain.ts';

describe('urlFromPattern', () => {
  it.each([
    ['https://chatgpt.com/*', 'https://chatgpt.com/'],
    ['*://*.example.ai/chat/*', 'https://example.ai/chat/'],
    ['http://localhost:3000/app', 'http://localhost:3000/app'],
    ['https://claude.ai', 'https://claude.ai/'],
    ['<all_urls>', null],
    ['https://*/*', null],
  ])('%s → %s', (pattern, url) => {
    expect(urlFromPattern(pattern)).toBe(url);
  });

  it('picks the first usable pattern of each tool', () => {
    const tool = (id: string, urlPatterns: string[]) => ({ id, name: id.toUpperCase(), urlPatterns }) as Tool;
    expect(toolUrls([tool('a', ['<all_urls>', 'https://a.io/*']), tool('b', ['nope'])])).toEqual([
      { id: 'a', name: 'A', url: 'https://a.io/' },
    ]);
  });
});

describe('parseMetadata', () => {
  it('reads key=value lines', () => {
    expect(parseMetadata(' department = finance \n\nregion=eu=west')).toEqual({
      ok: true,
      value: { department: 'finance', region: 'eu=west' },
    });
  });

  it('names the first bad line', () => {
    expect(parseMetadata('a=1\nnonsense\n=x')).toEqual({ ok: false, line: 'nonsense' });
  });
});

it('highlights matched and deciding steps', () => {
  expect(
    ['matched', 'decided', 'not-matched', 'skipped'].map((o) => isHighlighted({ outcome: o as never })),
  ).toEqual([true, true, false, false]);
});
