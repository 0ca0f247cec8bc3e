import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  checkFields,
  normalizeBackendUrl,
  parseManaged,
  registrationKey,
  resolveConfig,
  validateConfig,
  type ConfigValues,
} from './config.ts';

const complete: ConfigValues = {
  backendUrl: 'https://kairro.example.com',
  licenseKey: 'krr_lic_0123456789',
  userEmail: 'alice@example.com',
  failMode: 'closed',
};

describe('parseManaged', () => {
  it.each([
    ['undefined', undefined, {}],
    ['a string', 'x', {}],
    ['an empty object', {}, {}],
    [
      'all keys',
      { backendUrl: ' https://k.example ', licenseKey: 'krr_lic_1', userEmail: 'a@b.c', failMode: 'open' },
      { backendUrl: 'https://k.example', licenseKey: 'krr_lic_1', userEmail: 'a@b.c', failMode: 'open' },
    ],
    ['empty strings', { backendUrl: '', licenseKey: '   ' }, {}],
    ['wrong types', { backendUrl: 42, licenseKey: null, userEmail: ['a'] }, {}],
    ['an unknown fail mode', { failMode: 'sideways' }, {}],
    ['unknown keys', { somethingElse: 'x', licenseKey: 'krr_lic_1' }, { licenseKey: 'krr_lic_1' }],
  ])('keeps only valid entries of %s', (_name, raw, expected) => {
    expect(parseManaged(raw)).toEqual(expected);
  });
});

describe('resolveConfig', () => {
  it.each([
    ['nothing set', {}, {}, DEFAULT_CONFIG, []],
    ['local only', complete, {}, complete, []],
    [
      'managed over local, key by key',
      complete,
      { licenseKey: 'krr_lic_managed', failMode: 'open' as const },
      { ...complete, licenseKey: 'krr_lic_managed', failMode: 'open' },
      ['licenseKey', 'failMode'],
    ],
    [
      'managed fills what local lacks',
      { userEmail: 'bob@example.com' },
      { backendUrl: 'https://ingest.example/' },
      { ...DEFAULT_CONFIG, backendUrl: 'https://ingest.example', userEmail: 'bob@example.com' },
      ['backendUrl'],
    ],
    [
      'trims local values',
      { backendUrl: ' https://k.example// ', licenseKey: ' krr_lic_1234 ', userEmail: ' a@b.c ' },
      {},
      { ...DEFAULT_CONFIG, backendUrl: 'https://k.example', licenseKey: 'krr_lic_1234', userEmail: 'a@b.c' },
      [],
    ],
  ])('%s', (_name, local, managed, values, enforced) => {
    expect(resolveConfig(local, managed)).toEqual({ values, enforced });
  });
});

describe('normalizeBackendUrl', () => {
  it.each([
    ['https://k.example', 'https://k.example'],
    ['https://k.example/', 'https://k.example'],
    ['  https://k.example/kairro///  ', 'https://k.example/kairro'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeBackendUrl(input)).toBe(expected);
  });
});

describe('checkFields', () => {
  it.each([
    ['valid values', complete, {}],
    ['http on a LAN', { backendUrl: 'http://10.0.0.5:8080' }, {}],
    ['empty values', { backendUrl: '', licenseKey: '', userEmail: '' }, {}],
    ['not a URL', { backendUrl: 'kairro.example.com' }, { backendUrl: /is not a URL/ }],
    ['another scheme', { backendUrl: 'ftp://k.example' }, { backendUrl: /https:\/\/ or http:\/\// }],
    ['a query string', { backendUrl: 'https://k.example/?a=1' }, { backendUrl: /query string/ }],
    [
      'credentials in the URL',
      { backendUrl: 'https://u:p@k.example' },
      { backendUrl: /user name or password/ },
    ],
    ['a short license key', { licenseKey: 'short' }, { licenseKey: /8 to 200 characters/ }],
    ['a long license key', { licenseKey: 'k'.repeat(201) }, { licenseKey: /8 to 200 characters/ }],
    ['an email without @', { userEmail: 'alice' }, { userEmail: /"alice" is not an email address/ }],
    ['an email with spaces', { userEmail: 'a lice@example.com' }, { userEmail: /not an email address/ }],
  ])('%s', (_name, values, expected) => {
    const problems = checkFields(values);
    expect(Object.keys(problems).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, pattern] of Object.entries(expected)) {
      expect(problems[key as keyof typeof problems]).toMatch(pattern as RegExp);
    }
  });
});

describe('validateConfig', () => {
  it('accepts a complete, valid config', () => {
    expect(validateConfig(complete)).toEqual({ ok: true, config: complete });
  });

  it('names every missing field', () => {
    const result = validateConfig(DEFAULT_CONFIG);
    expect(result).toMatchObject({ ok: false, missing: ['backendUrl', 'licenseKey', 'userEmail'] });
    expect(!result.ok && result.message).toBe('Not configured: backend URL, license key, email.');
  });

  it('combines missing fields and invalid ones in one message', () => {
    const result = validateConfig({ ...DEFAULT_CONFIG, backendUrl: 'nope', userEmail: 'alice@example.com' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^Not configured: license key\. Backend URL "nope" is not a URL/,
    );
  });
});

describe('registrationKey', () => {
  it('changes with backend, license and email but not with email case or fail mode', () => {
    const key = registrationKey(complete);
    expect(registrationKey({ ...complete, userEmail: 'ALICE@example.com' })).toBe(key);
    expect(registrationKey({ ...complete, failMode: 'open' } as ConfigValues)).toBe(key);
    expect(registrationKey({ ...complete, backendUrl: 'https://other.example' })).not.toBe(key);
    expect(registrationKey({ ...complete, licenseKey: 'krr_lic_other123' })).not.toBe(key);
    expect(registrationKey({ ...complete, userEmail: 'bob@example.com' })).not.toBe(key);
  });
});
