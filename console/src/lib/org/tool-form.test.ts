import { describe, expect, it } from 'vitest';
import type { Tool } from '../api/policy-types.ts';
import {
  emptyToolForm,
  formToCreateBody,
  formToPatch,
  groupTools,
  splitPatterns,
  toolSlug,
  toolToForm,
  trustLabel,
  type ToolForm,
} from './tool-form.ts';

const tool = (patch: Partial<Tool>): Tool => ({
  id: 'chatgpt',
  name: 'ChatGPT',
  status: 'APPROVED',
  urlPatterns: ['https://chatgpt.com/*'],
  applyPolicies: true,
  action: 'WARN',
  severity: 'MEDIUM',
  ...patch,
});
const form = (patch: Partial<ToolForm>): ToolForm => ({ ...emptyToolForm(), ...patch });

describe('splitPatterns', () => {
  it.each([
    ['one per line, trimmed', '  https://a.ai/*\nhttps://b.ai/* ', ['https://a.ai/*', 'https://b.ai/*']],
    ['blank lines dropped', '\n\nhttps://a.ai/*\n   \n', ['https://a.ai/*']],
    ['Windows line ends', 'https://a.ai/*\r\nhttps://b.ai/*\r\n', ['https://a.ai/*', 'https://b.ai/*']],
    ['repeats dropped, order kept', 'b\na\n b\n', ['b', 'a']],
    ['nothing', '  \n', []],
  ])('%s', (_name, text, expected) => {
    expect(splitPatterns(text)).toEqual(expected);
  });
});

describe('toolSlug', () => {
  it.each([
    ['Mistral Le Chat', 'mistral-le-chat'],
    ['  You.com ', 'you.com'],
    ['Character.AI', 'character.ai'],
    ['Café IA!', 'cafe-ia'],
    ['--Poe--', 'poe'],
    ['snake_case tool', 'snake_case-tool'],
    ['', ''],
    ['x'.repeat(80), 'x'.repeat(64)],
  ])('%s → %s', (name, slug) => {
    expect(toolSlug(name)).toBe(slug);
    if (slug) expect(slug).toMatch(/^[a-z0-9][a-z0-9_.-]{0,63}$/);
  });
});

describe('formToCreateBody', () => {
  it('sends applyPolicies for an approved tool, not action or severity', () => {
    expect(
      formToCreateBody(
        form({
          id: ' corp-gpt ',
          name: ' Corp GPT ',
          urlPatterns: 'https://gpt.corp/*\n',
          applyPolicies: false,
        }),
      ),
    ).toEqual({
      id: 'corp-gpt',
      name: 'Corp GPT',
      status: 'APPROVED',
      urlPatterns: ['https://gpt.corp/*'],
      applyPolicies: false,
    });
  });

  it('sends action and severity for an unapproved tool, not applyPolicies', () => {
    expect(
      formToCreateBody(
        form({
          id: 'shadow',
          name: 'Shadow',
          status: 'UNAPPROVED',
          urlPatterns: 'https://shadow.ai/*\n*://*.shadow.ai/*',
          action: 'WARN',
          severity: 'HIGH',
        }),
      ),
    ).toEqual({
      id: 'shadow',
      name: 'Shadow',
      status: 'UNAPPROVED',
      urlPatterns: ['https://shadow.ai/*', '*://*.shadow.ai/*'],
      action: 'WARN',
      severity: 'HIGH',
    });
  });

  it('leaves an empty pattern list for the API to refuse', () => {
    expect(formToCreateBody(form({ id: 'x', name: 'X', urlPatterns: '\n' })).urlPatterns).toEqual([]);
  });
});

describe('toolToForm and formToPatch', () => {
  it('round-trips a tool, without its id', () => {
    const t = tool({ urlPatterns: ['https://chatgpt.com/*', 'https://chat.openai.com/*'] });
    const f = toolToForm(t);
    expect(f.urlPatterns).toBe('https://chatgpt.com/*\nhttps://chat.openai.com/*');
    expect(formToPatch(f)).toEqual({
      name: 'ChatGPT',
      status: 'APPROVED',
      urlPatterns: t.urlPatterns,
      applyPolicies: true,
    });
  });

  it('carries the fields of the new status when an approved tool becomes unapproved', () => {
    const f = { ...toolToForm(tool({})), status: 'UNAPPROVED' as const, action: 'BLOCK' as const };
    expect(formToPatch(f)).toEqual({
      name: 'ChatGPT',
      status: 'UNAPPROVED',
      urlPatterns: ['https://chatgpt.com/*'],
      action: 'BLOCK',
      severity: 'MEDIUM',
    });
  });
});

describe('groupTools', () => {
  it('splits by status and orders each group by name, case-insensitive', () => {
    const { approved, unapproved } = groupTools([
      tool({ id: 'poe', name: 'Poe', status: 'UNAPPROVED' }),
      tool({ id: 'claude', name: 'claude' }),
      tool({ id: 'chatgpt', name: 'ChatGPT' }),
      tool({ id: 'char', name: 'Character.AI', status: 'UNAPPROVED' }),
    ]);
    expect(approved.map((t) => t.id)).toEqual(['chatgpt', 'claude']);
    expect(unapproved.map((t) => t.id)).toEqual(['char', 'poe']);
  });
});

describe('trustLabel', () => {
  it('says whether policies run', () => {
    expect(trustLabel({ applyPolicies: true })).toBe('Policies apply');
    expect(trustLabel({ applyPolicies: false })).toBe('Trusted: no policies');
  });
});
