import { fakeBrowser } from '../testing/fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POLICY, POLICY_ETAG, startIngest, type FakeIngest } from '../testing/fake-ingest.ts';
import { createRegistrar, type Registrar } from './registration.ts';
import * as items from './storage.ts';
import { classifyUrl, createToolPolicy, parsePolicy, type ExtensionPolicy } from './tool-policy.ts';

describe('classifyUrl', () => {
  const policy = POLICY as ExtensionPolicy;
  it.each([
    [
      'https://chatgpt.com/c/1',
      { kind: 'approved', toolId: 'chatgpt', name: 'ChatGPT', applyPolicies: true },
    ],
    // Approved first: the tenant's narrow approved pattern beats the site's broad unapproved one.
    [
      'https://huggingface.co/enterprise/acme/chat',
      { kind: 'approved', toolId: 'hf-tenant', name: 'HuggingFace (Acme)', applyPolicies: false },
    ],
    [
      'https://huggingface.co/chat',
      { kind: 'unapproved', toolId: 'huggingface', name: 'Hugging Face', action: 'WARN', severity: 'MEDIUM' },
    ],
    // A catalog tool in neither of the org's lists is watched.
    ['https://poe.com/chat/1', { kind: 'watched', toolId: 'poe', name: 'Poe' }],
    ['https://example.com/', { kind: 'other' }],
    ['not a url', { kind: 'other' }],
  ])('%s → %j', (url, expected) => {
    expect(classifyUrl(url, policy)).toEqual(expected);
  });

  it('watches nothing with lists from an older backend or cached before the watch list existed', () => {
    const { watchedTools: _watched, ...older } = policy;
    expect(classifyUrl('https://poe.com/chat/1', older)).toEqual({ kind: 'other' });
  });
});

describe('parsePolicy', () => {
  it('accepts the policy contract and rejects anything else', () => {
    expect(parsePolicy(POLICY)).toEqual(POLICY);
    expect(parsePolicy({ ...POLICY, version: 1 })).toBeUndefined();
    expect(
      parsePolicy({ ...POLICY, approvedTools: [{ id: 'x', name: 'x', urlPatterns: [] }] }),
    ).toBeUndefined();
    expect(
      parsePolicy({ ...POLICY, unapprovedTools: [{ ...POLICY.unapprovedTools[0], action: 'EXPLODE' }] }),
    ).toBeUndefined();
  });

  it('tolerates a missing or partly unreadable watch list: it only reports visits', () => {
    const { watchedTools, ...older } = POLICY;
    expect(parsePolicy(older)).toEqual({ ...older, watchedTools: [] });
    expect(parsePolicy({ ...POLICY, watchedTools: 'all' })?.watchedTools).toEqual([]);
    const mixed = [{ id: 'x', name: 'X' }, ...watchedTools, { id: 'y', name: 'Y', urlPatterns: [1] }];
    expect(parsePolicy({ ...POLICY, watchedTools: mixed })).toEqual(POLICY);
  });
});

describe('createToolPolicy', () => {
  let ingest: FakeIngest;
  let registrar: Registrar;
  let now: Date;
  const toolPolicy = () => createToolPolicy({ fetch, registrar, now: () => now, timeoutMs: 1_000 });

  async function configure(licenseKey = 'krr_lic_0123456789') {
    await items.writeLocalConfig({ backendUrl: ingest.url, licenseKey, userEmail: 'alice@example.com' });
    await registrar.refresh();
  }

  beforeEach(async () => {
    fakeBrowser.reset();
    now = new Date('2026-03-01T12:00:00.000Z');
    ingest = await startIngest();
    registrar = createRegistrar({ fetch, timeoutMs: 1_000 });
  });
  afterEach(() => ingest.close());

  it('fetches and caches the lists with their ETag, then revalidates with If-None-Match (304 keeps them)', async () => {
    await configure();
    const tp = toolPolicy();
    expect(await tp.refresh()).toBe('fetched');
    const cached = await items.toolPolicy.getValue();
    expect(cached).toMatchObject({ policy: POLICY, etag: POLICY_ETAG, checkedAt: now.toISOString() });
    expect(ingest.requests('policy')[0]!.headers).toMatchObject({ authorization: 'Bearer token-1' });
    expect(ingest.requests('policy')[0]!.headers['if-none-match']).toBeUndefined();

    now = new Date(now.getTime() + 60_000);
    expect(await tp.refresh()).toBe('not-modified');
    expect(ingest.requests('policy')[1]!.headers['if-none-match']).toBe(POLICY_ETAG);
    expect(await items.toolPolicy.getValue()).toEqual({ ...cached, checkedAt: now.toISOString() });
  });

  it('replaces the cache when the lists changed', async () => {
    await configure();
    const tp = toolPolicy();
    await tp.refresh();
    const changed = { ...POLICY, version: 'v2', approvedTools: [] };
    ingest.on('policy', () => ({ status: 200, json: changed, headers: { etag: '"policy-v2"' } }));
    expect(await tp.refresh()).toBe('fetched');
    expect(await items.toolPolicy.getValue()).toMatchObject({ policy: changed, etag: '"policy-v2"' });
  });

  it('skips the request while the cache is younger than maxAgeMs', async () => {
    await configure();
    const tp = toolPolicy();
    await tp.refresh();
    now = new Date(now.getTime() + 60_000);
    expect(await tp.refresh({ maxAgeMs: 5 * 60_000 })).toBe('fresh');
    expect(ingest.requests('policy')).toHaveLength(1);
  });

  it('classifies from the cache, fetching only when it is empty', async () => {
    await configure();
    const tp = toolPolicy();
    expect(await tp.classify('https://chatgpt.com/')).toMatchObject({ kind: 'approved', toolId: 'chatgpt' });
    expect(await tp.classify('https://huggingface.co/chat')).toMatchObject({ kind: 'unapproved' });
    expect(await tp.classify('https://example.com/')).toEqual({ kind: 'other' });
    expect(ingest.requests('policy')).toHaveLength(1);
  });

  it('shares one request between concurrent classifications', async () => {
    await configure();
    const tp = toolPolicy();
    await Promise.all([tp.classify('https://chatgpt.com/'), tp.classify('https://chatgpt.com/')]);
    expect(ingest.requests('policy')).toHaveLength(1);
  });

  it('answers other without a network call when not configured', async () => {
    const tp = toolPolicy();
    expect(await tp.classify('https://chatgpt.com/')).toEqual({ kind: 'other' });
    expect(ingest.received).toHaveLength(0);
  });

  it('does not use lists fetched for another license: they may be another org', async () => {
    await configure();
    const tp = toolPolicy();
    await tp.refresh();
    ingest.on('policy', () => ({ status: 200, json: { ...POLICY, approvedTools: [] }, headers: {} }));
    await configure('krr_lic_otherorg1');
    expect(await tp.classify('https://chatgpt.com/')).toEqual({ kind: 'other' });
    expect(ingest.requests('policy')).toHaveLength(2);
    expect(ingest.requests('policy')[1]!.headers['if-none-match']).toBeUndefined();
  });

  it('registers again and retries once when the token is refused', async () => {
    await configure();
    await items.token.setValue('stale-token');
    expect(await toolPolicy().refresh()).toBe('fetched');
    expect(ingest.requests('register')).toHaveLength(2);
    expect(ingest.requests('policy').map((r) => r.headers.authorization)).toEqual([
      'Bearer stale-token',
      'Bearer token-2',
    ]);
  });

  it('lets the registrar record an expired license as unlicensed', async () => {
    await configure();
    const expired = {
      status: 403,
      json: {
        error: {
          code: 'LICENSE_EXPIRED',
          message: 'This license expired on 2026-02-01. Contact your admin.',
        },
      },
    };
    ingest.on('policy', () => expired);
    ingest.on('register', () => expired);
    expect(await toolPolicy().refresh()).toBe('refused');
    expect(await items.status.getValue()).toMatchObject({ state: 'unlicensed', code: 'LICENSE_EXPIRED' });
    expect(ingest.requests('policy')).toHaveLength(1);
  });

  it('classifies from the built-in catalog while no lists could be fetched (backend down since install)', async () => {
    ingest.on('register', () => ({ status: 503, raw: 'down' }));
    await configure();
    const tp = toolPolicy();
    expect(await tp.classify('https://chatgpt.com/c/1')).toEqual({
      kind: 'approved',
      toolId: 'chatgpt',
      name: 'ChatGPT',
      applyPolicies: true,
    });
    expect(await tp.classify('https://poe.com/')).toMatchObject({
      kind: 'unapproved',
      toolId: 'poe',
      action: 'WARN',
    });
    expect(await tp.classify('https://example.com/')).toEqual({ kind: 'other' });
    // Not registered: no policy request could be made.
    expect(ingest.requests('policy')).toHaveLength(0);
    expect(await items.toolPolicy.getValue()).toBeNull();
  });

  it('uses the built-in catalog when the policy request fails, and asks again only after a pause', async () => {
    await configure();
    ingest.on('policy', () => ({ status: 503, raw: 'down' }));
    const tp = toolPolicy();
    expect(await tp.classify('https://claude.ai/new')).toMatchObject({ kind: 'approved', toolId: 'claude' });
    expect(await tp.classify('https://claude.ai/new')).toMatchObject({ kind: 'approved', toolId: 'claude' });
    expect(ingest.requests('policy')).toHaveLength(1);
    now = new Date(now.getTime() + 31_000);
    ingest.on('policy', undefined);
    // The org's lists, once they can be fetched: Claude is not in them.
    expect(await tp.classify('https://claude.ai/new')).toEqual({ kind: 'other' });
    expect(ingest.requests('policy')).toHaveLength(2);
  });

  it("keeps using the org's last lists after a worker restart and a lost token while the backend is down", async () => {
    await configure();
    await toolPolicy().refresh();
    await items.token.removeValue();
    ingest.on('register', () => ({ status: 503, raw: 'down' }));
    ingest.on('policy', () => ({ status: 503, raw: 'down' }));
    // A new worker: only storage is left.
    const restarted = toolPolicy();
    // The org's own entry (WARN on all of huggingface.co), not the built-in HuggingChat one.
    expect(await restarted.classify('https://huggingface.co/chat')).toMatchObject({
      kind: 'unapproved',
      toolId: 'huggingface',
    });
    expect(await restarted.classify('https://claude.ai/')).toEqual({ kind: 'other' });
  });

  it('keeps the cached lists when the backend is down', async () => {
    await configure();
    const tp = toolPolicy();
    await tp.refresh();
    ingest.on('policy', () => ({ status: 503, raw: 'down' }));
    expect(await tp.refresh()).toBe('failed');
    expect(await tp.classify('https://chatgpt.com/')).toMatchObject({ kind: 'approved' });
  });
});
