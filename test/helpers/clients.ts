import { HttpClient, type JsonResponse } from './http.ts';

/** What a browser extension does: register once with the license key, then evaluate with its token. */
export interface ExtensionClient {
  token: string;
  http: HttpClient;
  evaluate(url: string, prompt: string): Promise<JsonResponse>;
}

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
  };
}

/** A console user with a session cookie. */
export async function signIn(apiUrl: string, email: string, password: string): Promise<HttpClient> {
  const http = new HttpClient(apiUrl);
  const res = await http.post('/v1/admin/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return http;
}
