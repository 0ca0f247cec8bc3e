import { describe, expect, it } from 'vitest';
import { createTokenService } from './tokens.ts';

const claims = { orgId: 'org-1', endpointId: 'ep-1', licenseId: 'lic-1', email: 'a@example.com' };

describe('extension tokens', () => {
  it('round-trips the claims', async () => {
    const tokens = createTokenService('secret-a');
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);
  });

  it('rejects a token signed with another secret, tampered with, or expired', async () => {
    const { token } = await createTokenService('secret-a').issue(claims);
    expect(await createTokenService('secret-b').verify(token)).toBeUndefined();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), org: 'org-2' }),
    ).toString('base64url');
    expect(await createTokenService('secret-a').verify(`${h}.${forged}.${s}`)).toBeUndefined();
    let now = new Date('2026-01-01T00:00:00Z');
    const shortLived = createTokenService('secret-a', { ttlSeconds: 60, now: () => now });
    const issued = await shortLived.issue(claims);
    expect(await shortLived.verify(issued.token)).toEqual(claims);
    now = new Date('2026-01-01T00:02:00Z');
    expect(await shortLived.verify(issued.token)).toBeUndefined();
  });

  it('remembers a verified token until it expires, and never a forged one', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const tokens = createTokenService('secret-a', { ttlSeconds: 60, now: () => now, verifiedCacheSize: 2 });
    const first = await tokens.issue(claims);
    expect(await tokens.verify(first.token)).toEqual(claims);
    expect(await tokens.verify(first.token)).toEqual(claims);
    const [h, , s] = first.token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ org: 'org-2' })).toString('base64url')}.${s}`;
    expect(await tokens.verify(forged)).toBeUndefined();
    expect(await tokens.verify(forged)).toBeUndefined();
    // Two more tokens push the first out of a cache of two; it still verifies (the slow way).
    for (const endpointId of ['ep-2', 'ep-3']) {
      const other = await tokens.issue({ ...claims, endpointId });
      expect((await tokens.verify(other.token))?.endpointId).toBe(endpointId);
    }
    expect(await tokens.verify(first.token)).toEqual(claims);
    now = new Date('2026-01-01T00:01:01Z');
    expect(await tokens.verify(first.token)).toBeUndefined();
  });
});
