import { describe, expect, it } from 'vitest';
import { isValidUrlPattern, matchesUrlPattern, resolveTool } from './tools.ts';
import type { ToolConfig } from './types.ts';

describe('matchesUrlPattern', () => {
  it.each<[string, string, boolean]>([
    ['https://chatgpt.com/*', 'https://chatgpt.com/', true],
    ['https://chatgpt.com/*', 'https://chatgpt.com/c/123?model=x', true],
    ['https://chatgpt.com/*', 'http://chatgpt.com/', false],
    ['https://chatgpt.com/*', 'https://www.chatgpt.com/', false],
    ['https://chatgpt.com/*', 'https://chatgpt.com.evil.io/', false],
    ['*://chatgpt.com/*', 'http://chatgpt.com/x', true],
    ['*://chatgpt.com/*', 'ftp://chatgpt.com/x', false],
    ['https://*.example.ai/*', 'https://example.ai/', true],
    ['https://*.example.ai/*', 'https://a.b.example.ai/chat', true],
    ['https://*.example.ai/*', 'https://badexample.ai/', false],
    ['https://*/*', 'https://anything.io/x', true],
    ['https://huggingface.co/chat*', 'https://huggingface.co/chat', true],
    ['https://huggingface.co/chat*', 'https://huggingface.co/chat/conversation/1', true],
    ['https://huggingface.co/chat*', 'https://huggingface.co/models', false],
    ['https://huggingface.co/chat/*', 'https://huggingface.co/chat', false],
    ['https://x.io/a/*/b', 'https://x.io/a/1/2/b', true],
    ['https://x.io/a/*/b', 'https://x.io/a/1/2/c', false],
    ['https://x.io/*?tenant=acme*', 'https://x.io/chat?tenant=acme-1', true],
    ['https://x.io/*?tenant=acme*', 'https://x.io/chat?tenant=other', false],
    ['https://X.IO/*', 'https://x.io/', true],
    ['http://localhost:8080/*', 'http://localhost:8080/', true],
    ['http://localhost:8080/*', 'http://localhost:9090/', false],
    ['https://x.io:443/*', 'https://x.io/', true],
    ['http://localhost:*/*', 'http://localhost:3000/a', true],
    ['not a pattern', 'https://x.io/', false],
  ])('%s ~ %s → %s', (pattern, url, expected) => {
    expect(matchesUrlPattern(pattern, new URL(url))).toBe(expected);
  });
});

describe('isValidUrlPattern', () => {
  it.each<[string, RegExp | null]>([
    ['https://chatgpt.com/*', null],
    ['*://*.example.ai/chat/*', null],
    ['https://*/*', null],
    ['http://localhost:8080/*', null],
    ['chatgpt.com', /must look like/],
    ['ftp://x.io/*', /scheme must be/],
    ['https://x.io', /needs a path/],
    ['https://*x.io/*', /host must be/],
    ['https://a.*.io/*', /host must be/],
    ['https:///*', /host must be/],
    ['https://x.io:abc/*', /port must be/],
  ])('%j → %s', (pattern, error) => {
    const result = isValidUrlPattern(pattern);
    if (error === null) expect(result).toBeNull();
    else expect(result).toMatch(error);
  });

  it('names the pattern in the error', () => {
    expect(isValidUrlPattern('ftp://x.io/*')).toBe(
      'URL pattern "ftp://x.io/*" scheme must be http, https or *',
    );
  });
});

describe('resolveTool', () => {
  const tool = (id: string, status: ToolConfig['status'], urlPatterns: string[]): ToolConfig => ({
    id,
    name: id,
    status,
    urlPatterns,
    applyPolicies: true,
    action: status === 'APPROVED' ? 'ALLOW' : 'WARN',
    severity: 'LOW',
  });
  const tools = [
    tool('hf-any', 'UNAPPROVED', ['https://huggingface.co/*']),
    tool('hf-tenant', 'APPROVED', ['https://huggingface.co/enterprise/acme/*']),
    tool('first', 'APPROVED', ['https://dup.io/*']),
    tool('second', 'APPROVED', ['https://other.io/*', 'https://dup.io/*']),
  ];
  it.each<[string, string | null]>([
    ['https://huggingface.co/enterprise/acme/chat', 'hf-tenant'],
    ['https://huggingface.co/chat', 'hf-any'],
    ['https://dup.io/x', 'first'],
    ['https://other.io/', 'second'],
    ['https://unknown.io/', null],
  ])('%s → %s', (url, id) => {
    expect(resolveTool(new URL(url), tools)?.id ?? null).toBe(id);
  });
});
