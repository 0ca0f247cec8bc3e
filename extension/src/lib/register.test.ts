import { afterEach, describe, expect, it } from 'vitest';
import { closedPortUrl, startServer, type Reply, type TestServer } from '../testing/http-server.ts';
import { register, type RegisterRequest } from './register.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok = {
  token: 'tok.en.value',
  expiresAt: '2026-04-01T00:00:00.000Z',
  orgId: 'org-1',
  endpointId: 'ep-1',
  license: { status: 'ACTIVE', expiresAt: '2027-01-01T00:00:00.000Z' },
};

async function registerWith(reply: Reply, overrides: Partial<RegisterRequest> = {}) {
  server = await startServer(() => reply);
  const req: RegisterRequest = {
    config: { backendUrl: server.url, licenseKey: 'krr_lic_0123456789', userEmail: 'alice@example.com' },
    endpointId: '6f1c2f6e-5b7a-4c1e-9a39-0d8f3e2b1a77',
    userAgent: 'Mozilla/5.0 test',
    ...overrides,
  };
  return register(req, { fetch, timeoutMs: 500 });
}

describe('register', () => {
  it('posts the license, endpoint, identity and user agent as JSON and returns the registration', async () => {
    const result = await registerWith({ status: 200, json: ok });
    expect(result).toEqual({ kind: 'registered', registration: ok });
    expect(server!.received).toHaveLength(1);
    const [req] = server!.received;
    expect(req).toMatchObject({ method: 'POST', path: '/v1/extension/register' });
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.body).toEqual({
      licenseKey: 'krr_lic_0123456789',
      endpointId: '6f1c2f6e-5b7a-4c1e-9a39-0d8f3e2b1a77',
      identity: { email: 'alice@example.com' },
      userAgent: 'Mozilla/5.0 test',
    });
  });

  it('cuts the user agent to the 512 characters ingest accepts and leaves it out when unknown', async () => {
    await registerWith({ status: 200, json: ok }, { userAgent: 'x'.repeat(600) });
    expect((server!.received[0]!.body as { userAgent: string }).userAgent).toHaveLength(512);
    await server!.close();
    await registerWith({ status: 200, json: ok }, { userAgent: undefined });
    expect(server!.received[0]!.body).not.toHaveProperty('userAgent');
  });

  it.each([
    [401, 'INVALID_LICENSE', 'Unknown license key. Check the key your admin deployed.'],
    [403, 'LICENSE_EXPIRED', 'This license expired on 2026-01-01T00:00:00.000Z. Contact your admin.'],
    [403, 'LICENSE_REVOKED', 'This license was revoked. Contact your admin.'],
  ])('HTTP %i %s → unlicensed with the backend message', async (status, code, message) => {
    const result = await registerWith({ status, json: { error: { code, message } } });
    expect(result).toEqual({ kind: 'unlicensed', code, message });
  });

  it('a 401 without a JSON body is still unlicensed', async () => {
    const result = await registerWith({ status: 401, raw: 'nope' });
    expect(result).toEqual({
      kind: 'unlicensed',
      code: 'HTTP_401',
      message: expect.stringMatching(/HTTP 401/),
    });
  });

  it('another 4xx with an error body → rejected', async () => {
    const result = await registerWith({
      status: 400,
      json: { error: { code: 'VALIDATION', message: 'body/identity/email must match format "email"' } },
    });
    expect(result).toEqual({
      kind: 'rejected',
      httpStatus: 400,
      code: 'VALIDATION',
      message: 'body/identity/email must match format "email"',
    });
  });

  it.each([
    [
      'a 500',
      { status: 500, json: { error: { code: 'INTERNAL', message: 'boom' } } },
      'INTERNAL',
      /HTTP 500: boom/,
    ],
    ['a 502 without body', { status: 502, raw: 'Bad Gateway' }, 'HTTP_502', /HTTP 502\./],
    ['a 404 without error body', { status: 404, raw: 'Not Found' }, 'HTTP_404', /HTTP 404/],
    ['a 200 that is not JSON', { status: 200, raw: '<html>' }, 'BAD_RESPONSE', /unexpected body/],
    ['a 200 without a token', { status: 200, json: { ...ok, token: '' } }, 'BAD_RESPONSE', /unexpected body/],
  ] as const)('%s → unreachable', async (_name, reply, code, message) => {
    const result = await registerWith(reply);
    expect(result).toMatchObject({ kind: 'unreachable', code });
    expect(result.kind === 'unreachable' && result.message).toMatch(message);
  });

  it('a closed port → unreachable, naming the backend', async () => {
    const url = await closedPortUrl();
    const result = await register(
      { config: { backendUrl: url, licenseKey: 'krr_lic_0123456789', userEmail: 'a@b.c' }, endpointId: 'e' },
      { fetch },
    );
    expect(result).toMatchObject({ kind: 'unreachable', code: 'UNREACHABLE' });
    expect(result.kind === 'unreachable' && result.message).toContain(
      `Cannot reach the Kairro backend at ${url}`,
    );
  });

  it('a backend that does not answer → unreachable after the timeout', async () => {
    const started = Date.now();
    const result = await registerWith('hang');
    expect(result).toMatchObject({
      kind: 'unreachable',
      code: 'TIMEOUT',
      message: expect.stringMatching(/in time/),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
