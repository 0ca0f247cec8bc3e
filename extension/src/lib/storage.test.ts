import { fakeBrowser } from '../testing/fake-browser.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as items from './storage.ts';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('storage items', () => {
  it('fall back to the defaults', async () => {
    expect(await items.readLocalConfig()).toEqual({ failMode: 'closed' });
    expect(await items.token.getValue()).toBeNull();
    expect(await items.status.getValue()).toMatchObject({ state: 'unconfigured' });
  });

  it('generate the endpoint id once and keep it', async () => {
    const first = await items.endpointId.getValue();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await items.endpointId.getValue()).toBe(first);
    expect(await fakeBrowser.storage.local.get('endpointId')).toEqual({ endpointId: first });
  });

  it('write only the given local keys', async () => {
    await items.writeLocalConfig({ backendUrl: 'https://k.example', failMode: 'open' });
    await items.writeLocalConfig({ userEmail: 'alice@example.com' });
    expect(await items.readLocalConfig()).toEqual({
      backendUrl: 'https://k.example',
      userEmail: 'alice@example.com',
      failMode: 'open',
    });
  });
});

describe('readEffectiveConfig', () => {
  it('lets managed storage override the local options and reports which keys it enforces', async () => {
    await items.writeLocalConfig({
      backendUrl: 'https://local.example',
      licenseKey: 'krr_lic_local123',
      userEmail: 'alice@example.com',
    });
    await fakeBrowser.storage.managed.set({
      backendUrl: 'https://managed.example/',
      failMode: 'open',
      extra: 1,
    });
    expect(await items.readEffectiveConfig()).toEqual({
      values: {
        backendUrl: 'https://managed.example',
        licenseKey: 'krr_lic_local123',
        userEmail: 'alice@example.com',
        failMode: 'open',
      },
      enforced: ['backendUrl', 'failMode'],
    });
  });

  it('treats unreadable managed storage (Firefox without policy) as no policy', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(
      new Error('Managed storage manifest not found'),
    );
    await items.writeLocalConfig({ licenseKey: 'krr_lic_local123' });
    expect(await items.readManagedConfig()).toEqual({});
    expect((await items.readEffectiveConfig()).values.licenseKey).toBe('krr_lic_local123');
  });
});
