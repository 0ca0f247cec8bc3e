import { describe, expect, it } from 'vitest';
import {
  customToolBody,
  emptyCustomToolForm,
  patternsFor,
  splitDomains,
  statedAttributes,
} from './custom-tool.ts';

describe('splitDomains', () => {
  it.each([
    ['', []],
    ['chat.acme.dev', ['chat.acme.dev']],
    ['chat.acme.dev, api.acme.dev\nchat.acme.dev', ['chat.acme.dev', 'api.acme.dev']],
    ['  Chat.ACME.dev  ', ['chat.acme.dev']],
    ['https://chat.acme.dev/c/1?x=2', ['chat.acme.dev']],
  ])('%j → %j', (text, hosts) => expect(splitDomains(text)).toEqual(hosts));
});

describe('patternsFor', () => {
  it('keeps the typed patterns', () =>
    expect(patternsFor(' https://a.dev/*\n\nhttps://a.dev/*\n', ['b.dev'])).toEqual(['https://a.dev/*']));
  it('derives one per domain when none are typed', () =>
    expect(patternsFor('  ', ['a.dev', 'b.dev'])).toEqual(['https://a.dev/*', 'https://b.dev/*']));
  it('is empty with neither (the API answers 400)', () => expect(patternsFor('', [])).toEqual([]));
});

describe('statedAttributes', () => {
  it('drops unknown and blank values and upper-cases a country code', () =>
    expect(
      statedAttributes({ sso: 'yes', soc2: 'unknown', hqJurisdiction: ' de ', trainsOnUserData: '' }),
    ).toEqual({ sso: { value: 'yes' }, hqJurisdiction: { value: 'DE' } }));
  it('leaves a non-country value of the HQ as typed', () =>
    expect(statedAttributes({ hqJurisdiction: 'unknown' })).toEqual({}));
});

describe('customToolBody', () => {
  it('sends only what is stated', () => {
    const form = { ...emptyCustomToolForm('chat'), id: ' acme-chat ', name: ' Acme Chat ' };
    form.domains = 'chat.acme.dev';
    expect(customToolBody(form)).toEqual({
      id: 'acme-chat',
      name: 'Acme Chat',
      category: 'chat',
      domains: ['chat.acme.dev'],
      urlPatterns: ['https://chat.acme.dev/*'],
    });
  });
  it('carries the vendor, the typed patterns and the stated attributes', () => {
    const form = emptyCustomToolForm('coding');
    Object.assign(form, { id: 'x', name: 'X', vendor: ' Acme ', urlPatterns: '*://*.x.dev/*' });
    form.attributes.sso = 'no';
    expect(customToolBody(form)).toEqual({
      id: 'x',
      name: 'X',
      vendor: 'Acme',
      category: 'coding',
      domains: [],
      urlPatterns: ['*://*.x.dev/*'],
      attributes: { sso: { value: 'no' } },
    });
  });
  it('starts with every attribute unknown', () =>
    expect(new Set(Object.values(emptyCustomToolForm('chat').attributes))).toEqual(new Set(['unknown'])));
});
