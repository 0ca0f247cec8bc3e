import { describe, expect, it } from 'vitest';
import { detectChatUi } from './chat-heuristic.ts';
import { dom, fixture } from './fixtures/dom.ts';

const page = (title: string, body: string) =>
  dom(`<html><head><title>${title}</title></head><body>${body}</body></html>`).doc;

describe('detectChatUi', () => {
  it.each<[string, string, string, string, string | null]>([
    [
      'a self-hosted assistant',
      'chat.acme.example',
      'Acme AI',
      '<textarea placeholder="Ask anything"></textarea>',
      'heuristic: chat composer, AI host name, AI page title, AI composer label',
    ],
    [
      'an .ai site with a prompt box',
      'writer.ai',
      'Writer',
      '<div contenteditable="true" aria-label="Enter a prompt"></div>',
      'heuristic: chat composer, AI host name, AI composer label',
    ],
    [
      'an LLM playground on an ordinary host',
      'tools.example.com',
      'LLM playground',
      '<textarea placeholder="Type a prompt"></textarea>',
      'heuristic: chat composer, AI page title, AI composer label',
    ],
    [
      'a support chat widget',
      'shop.example.com',
      'Shoes',
      '<textarea placeholder="Send us a message"></textarea>',
      null,
    ],
    [
      'a chat host without any AI sign',
      'chat.bank.example',
      'Messages',
      '<textarea placeholder="Message"></textarea>',
      null,
    ],
    [
      '"ai" inside a word does not count',
      'thai.example',
      'Thai recipes',
      '<textarea placeholder="Ask the chef"></textarea>',
      null,
    ],
    ['an AI news article without a composer', 'news.ai', 'AI news', '<p>GPT-5 released</p>', null],
    ['a form-heavy page', 'forms.ai', 'AI forms', '<textarea placeholder="Ask"></textarea>'.repeat(6), null],
  ])('%s', (_name, host, title, body, expected) => {
    expect(detectChatUi(page(title, body), host)).toBe(expected);
  });

  it('does not report the generic fixture on an ordinary host', () => {
    expect(detectChatUi(dom(fixture('generic')).doc, 'intranet.example.com')).toBeNull();
  });
});
