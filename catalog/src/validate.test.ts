import { describe, expect, it } from 'vitest';
import { attributes, validEntry } from './fixtures/entries.ts';
import { catalogProblems } from './validate.ts';

const problemsOf = (...entries: unknown[]): string[] =>
  catalogProblems(entries.map((entry) => ({ file: 'chat.yaml', entry })));

describe('catalogProblems', () => {
  it('accepts a complete entry, and unknown values without a source', () => {
    expect(problemsOf(validEntry())).toEqual([]);
    expect(problemsOf(validEntry({ attributes: attributes({ sso: { value: 'unknown' } }) }))).toEqual([]);
  });

  it('names the file, the entry and the field', () => {
    expect(problemsOf(validEntry({ name: '' }))).toEqual([
      'chat.yaml: examplechat: name: must be a non-empty string',
    ]);
  });

  it('rejects an entry that is not a mapping, by its position', () => {
    expect(problemsOf(validEntry(), 'chatgpt')).toEqual(['chat.yaml: entry #2: entry: must be a mapping']);
  });

  it('rejects missing fields and unknown ones', () => {
    const { vendor: _vendor, ...noVendor } = validEntry();
    expect(problemsOf(noVendor)).toEqual(['chat.yaml: examplechat: vendor: must be a non-empty string']);
    expect(problemsOf({ ...validEntry(), url: 'x' })).toEqual([
      'chat.yaml: examplechat: url: is not a known field',
    ]);
  });

  it('takes aiFeature only as true', () => {
    expect(problemsOf({ ...validEntry(), aiFeature: true })).toEqual([]);
    expect(problemsOf({ ...validEntry(), aiFeature: false })).toEqual([
      'chat.yaml: examplechat: aiFeature: must be true when present (leave it out otherwise)',
    ]);
  });

  it('rejects an id that is not a slug', () => {
    expect(problemsOf(validEntry({ id: 'Example Chat' }))).toEqual([
      'chat.yaml: Example Chat: id: must match ^[a-z0-9][a-z0-9_.-]{0,63}$',
    ]);
  });

  it('rejects an unknown category', () => {
    const problems = problemsOf({ ...validEntry(), category: 'chatbot' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^chat\.yaml: examplechat: category: "chatbot" is not one of chat, coding/);
  });

  it('rejects a reviewed date that is not an ISO date', () => {
    for (const reviewed of ['22/11/2026', '2026-02-30', ''])
      expect(problemsOf(validEntry({ reviewed }))).toEqual([
        'chat.yaml: examplechat: reviewed: must be an ISO date, YYYY-MM-DD',
      ]);
  });

  it('rejects a value outside the allowed ones', () => {
    const problems = problemsOf({
      ...validEntry(),
      attributes: { ...attributes(), trainsOnUserData: { value: 'sometimes', source: 'https://x.io/' } },
    });
    expect(problems).toEqual([
      'chat.yaml: examplechat: attributes.trainsOnUserData.value: "sometimes" is not one of yes, opt-out, unknown, opt-in, no',
    ]);
  });

  it('accepts a country code as jurisdiction, not a country name', () => {
    expect(
      problemsOf(
        validEntry({ attributes: attributes({ hqJurisdiction: { value: 'DE', source: 'https://x.io/' } }) }),
      ),
    ).toEqual([]);
    expect(
      problemsOf(
        validEntry({
          attributes: attributes({ hqJurisdiction: { value: 'Germany', source: 'https://x.io/' } }),
        }),
      ),
    ).toEqual([
      'chat.yaml: examplechat: attributes.hqJurisdiction.value: "Germany" is not one of unknown or an ISO 3166-1 alpha-2 code',
    ]);
  });

  it('requires an https source for every value but unknown', () => {
    expect(problemsOf(validEntry({ attributes: attributes({ soc2: { value: 'yes' } }) }))).toEqual([
      'chat.yaml: examplechat: attributes.soc2.source: is required unless the value is unknown',
    ]);
    expect(
      problemsOf(validEntry({ attributes: attributes({ soc2: { value: 'yes', source: 'http://x.io/' } }) })),
    ).toEqual(['chat.yaml: examplechat: attributes.soc2.source: must be an https URL']);
  });

  it('rejects a missing or unknown attribute and regions outside dataResidency', () => {
    const { sso: _sso, ...noSso } = attributes();
    expect(problemsOf({ ...validEntry(), attributes: noSso })).toEqual([
      'chat.yaml: examplechat: attributes.sso: is missing (write { value: unknown } when not known)',
    ]);
    expect(problemsOf({ ...validEntry(), attributes: { ...attributes(), gdpr: { value: 'yes' } } })).toEqual([
      'chat.yaml: examplechat: attributes.gdpr: is not a known attribute',
    ]);
    expect(
      problemsOf({
        ...validEntry(),
        attributes: { ...attributes(), sso: { value: 'unknown', regions: ['EU'] } },
      }),
    ).toEqual([
      'chat.yaml: examplechat: attributes.sso.regions: is only for dataResidency, as a list of region names',
    ]);
  });

  it('rejects domains that are not lower-case hosts', () => {
    const problems = problemsOf(
      validEntry({ domains: ['ExampleChat.ai'], urlPatterns: ['https://examplechat.ai/*'] }),
    );
    expect(problems).toEqual([
      'chat.yaml: examplechat: domains: "ExampleChat.ai" is not a lower-case host name',
    ]);
    expect(problemsOf(validEntry({ domains: ['https://examplechat.ai/'] }))[0]).toMatch(
      /is not a lower-case host/,
    );
  });

  it('rejects URL patterns core cannot compile', () => {
    expect(
      problemsOf(validEntry({ domains: ['examplechat.ai'], urlPatterns: ['examplechat.ai/*'] })),
    ).toEqual([
      'chat.yaml: examplechat: urlPatterns: URL pattern "examplechat.ai/*" must look like <scheme>://<host>/<path>, e.g. https://chat.example.com/*',
      'chat.yaml: examplechat: domains: "examplechat.ai" is matched by none of the entry\'s URL patterns',
    ]);
  });

  it("rejects a domain none of the entry's patterns covers; a wildcard or a narrow path covers it", () => {
    expect(problemsOf(validEntry({ urlPatterns: ['https://examplechat.ai/*'] }))).toEqual([
      'chat.yaml: examplechat: domains: "www.examplechat.ai" is matched by none of the entry\'s URL patterns',
    ]);
    expect(problemsOf(validEntry({ urlPatterns: ['https://*.examplechat.ai/*'] }))).toEqual([]);
    expect(
      problemsOf(validEntry({ domains: ['examplechat.ai'], urlPatterns: ['https://examplechat.ai/chat*'] })),
    ).toEqual([]);
  });

  it('rejects duplicate ids and domains across files', () => {
    const problems = catalogProblems([
      { file: 'chat.yaml', entry: validEntry() },
      {
        file: 'other.yaml',
        entry: validEntry({ domains: ['examplechat.ai'], urlPatterns: ['https://examplechat.ai/*'] }),
      },
    ]);
    expect(problems).toEqual([
      'other.yaml: examplechat: id: duplicate of the entry in chat.yaml',
      'other.yaml: examplechat: domains: "examplechat.ai" is already claimed by chat.yaml: examplechat',
    ]);
  });
});
