import { randomUUID } from 'node:crypto';
import { HttpClient, type JsonResponse } from './http.ts';

/**
 * What a browser extension does: register once with the license key, then evaluate with its token
 * and report AI tools it sees in use.
 */
export interface ExtensionClient {
  token: string;
  http: HttpClient;
  evaluate(url: string, prompt: string): Promise<JsonResponse>;
  /** `POST /v1/extension/shadow-event` with these sightings (see `sighting`). */
  reportSightings(events: object[]): Promise<JsonResponse>;
}

/** One sighting as the extension reports it: a fresh id, now, ALLOW unless `extra` says otherwise. */
export const sighting = (
  url: string,
  signal: 'catalog' | 'heuristic',
  extra: { appliedAction?: string; detail?: string } = {},
) => ({
  id: randomUUID(),
  url,
  signal,
  appliedAction: 'ALLOW',
  occurredAt: new Date().toISOString(),
  ...extra,
});

export async function registerExtension(
  ingestUrl: string,
  input: { licenseKey: string; endpointId: string; email: string },
): Promise<ExtensionClient> {
  const http = new HttpClient(ingestUrl);
  const res = await http.post('/v1/extension/register', {
    licenseKey: input.licenseKey,
    endpointId: input.endpointId,
    identity: { email: input.email },
  });
  if (res.status !== 200) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token: string = res.body.token;
  return {
    token,
    http,
    evaluate: (url, prompt) =>
      http.post('/v1/extension/evaluate', { url, prompt }, { authorization: `Bearer ${token}` }),
    reportSightings: (events) =>
      http.post('/v1/extension/shadow-event', { events }, { authorization: `Bearer ${token}` }),
  };
}

/** A console user with a session cookie. */
export async function signIn(apiUrl: string, email: string, password: string): Promise<HttpClient> {
  const http = new HttpClient(apiUrl);
  const res = await http.post('/v1/admin/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return http;
}
