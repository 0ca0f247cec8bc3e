import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.ts';
import { formView, parseForm, type FormInput } from './options-form.ts';

const input: FormInput = {
  backendUrl: ' https://kairro.example.com/ ',
  licenseKey: ' krr_lic_0123456789 ',
  userEmail: ' alice@example.com ',
  failMode: 'open',
};

describe('formView', () => {
  it('shows effective values and marks the managed ones', () => {
    const effective = resolveConfig(
      { backendUrl: 'https://local.example', userEmail: 'alice@example.com' },
      { backendUrl: 'https://managed.example', failMode: 'open' },
    );
    expect(formView(effective)).toEqual({
      backendUrl: { value: 'https://managed.example', enforced: true },
      licenseKey: { value: '', enforced: false },
      userEmail: { value: 'alice@example.com', enforced: false },
      failMode: { value: 'open', enforced: true },
    });
  });
});

describe('parseForm', () => {
  it.each([
    [
      'everything editable',
      input,
      [],
      {
        ok: true,
        values: {
          backendUrl: 'https://kairro.example.com',
          licenseKey: 'krr_lic_0123456789',
          userEmail: 'alice@example.com',
          failMode: 'open',
        },
      },
    ],
    [
      'enforced fields are not saved, even when invalid',
      { ...input, backendUrl: 'not a url', failMode: 'nope' },
      ['backendUrl', 'failMode'],
      { ok: true, values: { licenseKey: 'krr_lic_0123456789', userEmail: 'alice@example.com' } },
    ],
    [
      'empty fields clear the saved value',
      { backendUrl: '', licenseKey: '', userEmail: '', failMode: 'closed' },
      [],
      { ok: true, values: { backendUrl: '', licenseKey: '', userEmail: '', failMode: 'closed' } },
    ],
    [
      'invalid fields are reported',
      { ...input, backendUrl: 'kairro', userEmail: 'alice', failMode: 'sideways' },
      [],
      {
        ok: false,
        problems: {
          backendUrl: expect.stringMatching(/not a URL/),
          userEmail: expect.stringMatching(/not an email/),
          failMode: expect.stringMatching(/closed" or "open/),
        },
      },
    ],
  ] as const)('%s', (_name, form, enforced, expected) => {
    expect(parseForm(form, enforced)).toEqual(expected);
  });
});
