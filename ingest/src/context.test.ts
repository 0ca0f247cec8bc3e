import { describe, expect, it } from 'vitest';
import { evaluationContext } from './context.ts';
import { orgConfig, tool } from './test-fixtures/org.ts';

const config = orgConfig({
  tools: [
    tool({ id: 'claude', urlPatterns: ['https://claude.ai/*'] }),
    tool({ id: 'shadow', status: 'UNAPPROVED', urlPatterns: ['*://*.shadow.example/*'] }),
  ],
  identities: new Map([['ana@acme.com', { identityId: 'id-ana', teamId: 'team-eng' }]]),
});

describe('evaluationContext', () => {
  it.each([
    ['https://claude.ai/chat/1', 'claude', 'claude.ai', 'claude'],
    ['https://EU.Shadow.example/x', 'shadow', 'eu.shadow.example', 'shadow'],
    ['https://chat.unknown.example/', 'chat.unknown.example', 'chat.unknown.example', null],
  ])('%s is tool %s on host %s', (url, toolId, host, classified) => {
    const context = evaluationContext({ url: new URL(url), prompt: '' }, 'ana@acme.com', config);
    expect(context).toMatchObject({ toolId, host });
    expect(context.tool?.id ?? null).toBe(classified);
  });

  it('names the identity and its team, or nulls for an email the org does not know', () => {
    const url = new URL('https://claude.ai/');
    expect(evaluationContext({ url, prompt: '' }, 'Ana@Acme.com', config).identity).toEqual({
      email: 'Ana@Acme.com',
      identityId: 'id-ana',
      teamId: 'team-eng',
    });
    expect(evaluationContext({ url, prompt: '' }, 'bob@acme.com', config).identity).toEqual({
      email: 'bob@acme.com',
      identityId: null,
      teamId: null,
    });
  });

  it('passes the request context through and estimates the tokens', () => {
    const context = evaluationContext(
      {
        url: new URL('https://claude.ai/'),
        prompt: 'x'.repeat(9),
        completion: 'reply',
        inputType: 'paste',
        model: 'claude-opus',
        metadata: { department: 'finance' },
      },
      'ana@acme.com',
      config,
    );
    expect(context).toMatchObject({
      prompt: 'x'.repeat(9),
      completion: 'reply',
      inputType: 'paste',
      model: 'claude-opus',
      metadata: { department: 'finance' },
      promptTokens: 3,
    });
    const bare = evaluationContext({ url: new URL('https://claude.ai/'), prompt: '' }, 'a@b.c', config);
    expect(bare).not.toHaveProperty('completion');
    expect(bare).not.toHaveProperty('inputType');
    expect(bare).not.toHaveProperty('model');
    expect(bare.metadata).toEqual({});
  });
});
