/**
 * A stand-in for ingest on a real local HTTP server: register issues tokens, policy serves the tool
 * lists with an ETag, evaluate answers ALLOW. Each route's answer can be replaced per test.
 */
import { startServer, type Received, type Reply, type TestServer } from './http-server.ts';

export const POLICY = {
  version: 'v1',
  approvedTools: [
    { id: 'chatgpt', name: 'ChatGPT', urlPatterns: ['https://chatgpt.com/*'], applyPolicies: true },
    {
      id: 'hf-tenant',
      name: 'HuggingFace (Acme)',
      urlPatterns: ['https://huggingface.co/enterprise/acme/*'],
      applyPolicies: false,
    },
  ],
  unapprovedTools: [
    {
      id: 'huggingface',
      name: 'Hugging Face',
      urlPatterns: ['https://huggingface.co/*'],
      action: 'WARN',
      severity: 'MEDIUM',
    },
  ],
};
export const POLICY_ETAG = '"policy-v1"';

export const ALLOW_RESPONSE = {
  eventId: 'evt-1',
  action: 'ALLOW',
  riskLevel: 'NONE',
  reasons: ['No policy matched; no findings → ALLOW'],
  alerts: 0,
  dlp: { maxSeverity: null, totalMatches: 0, highOrAbove: 0, critical: 0, detectors: [], matches: [] },
};

export type Route = 'register' | 'policy' | 'evaluate';

export interface FakeIngest {
  url: string;
  received: Received[];
  /** Requests to one route. */
  requests: (route: Route) => Received[];
  /** Replaces a route's answer; `undefined` restores the default. */
  on: (route: Route, handler: ((req: Received) => Reply) | undefined) => void;
  /** The token the last registration issued; policy and evaluate accept only it. */
  currentToken: () => string | null;
  close: () => Promise<void>;
}

const ROUTES: Record<string, Route> = {
  '/v1/extension/register': 'register',
  '/v1/extension/policy': 'policy',
  '/v1/extension/evaluate': 'evaluate',
};

export async function startIngest(): Promise<FakeIngest> {
  let issued = 0;
  let token: string | null = null;
  const overrides = new Map<Route, (req: Received) => Reply>();

  const authorized = (req: Received) => token !== null && req.headers.authorization === `Bearer ${token}`;
  const invalidToken: Reply = {
    status: 401,
    json: { error: { code: 'INVALID_TOKEN', message: 'The token is invalid or expired; register again.' } },
  };
  const defaults: Record<Route, (req: Received) => Reply> = {
    register: () => {
      issued += 1;
      token = `token-${issued}`;
      return {
        status: 200,
        json: {
          token,
          expiresAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
          orgId: 'org-1',
          endpointId: 'ep-1',
          license: { status: 'ACTIVE', expiresAt: '2099-01-01T00:00:00.000Z' },
        },
      };
    },
    policy: (req) => {
      if (!authorized(req)) return invalidToken;
      const headers = { etag: POLICY_ETAG };
      if (req.headers['if-none-match'] === POLICY_ETAG) return { status: 304, headers };
      return { status: 200, json: POLICY, headers };
    },
    evaluate: (req) => (authorized(req) ? { status: 200, json: ALLOW_RESPONSE } : invalidToken),
  };

  const server: TestServer = await startServer((req) => {
    const route = ROUTES[req.path];
    if (!route) return { status: 404, json: { error: { code: 'NOT_FOUND', message: req.path } } };
    return (overrides.get(route) ?? defaults[route])(req);
  });
  return {
    url: server.url,
    received: server.received,
    requests: (route) => server.received.filter((r) => ROUTES[r.path] === route),
    on: (route, handler) => {
      if (handler) overrides.set(route, handler);
      else overrides.delete(route);
    },
    currentToken: () => token,
    close: server.close,
  };
}
