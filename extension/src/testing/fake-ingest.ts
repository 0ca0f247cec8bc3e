/**
 * A stand-in for ingest on a real local HTTP server: register issues tokens, policy serves the tool
 * lists with an ETag, evaluate answers ALLOW, shadow-event and warn-override check the body as
 * ingest's contract has it and answer 202. Each route's answer can be replaced per test.
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
  watchedTools: [{ id: 'poe', name: 'Poe', urlPatterns: ['https://poe.com/*'] }],
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

export type Route = 'register' | 'policy' | 'evaluate' | 'shadow-event' | 'warn-override';

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
  '/v1/extension/shadow-event': 'shadow-event',
  '/v1/extension/warn-override': 'warn-override',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a shadow-event body breaks the contract (ingest's schema and its 7-day limit), or null when it is valid. */
export function shadowEventProblem(body: unknown): string | null {
  if (!isObject(body) || !Array.isArray(body.events)) return 'body must be { events: [...] }';
  if (body.events.length < 1 || body.events.length > 50) return 'events must hold 1..50 items';
  for (const e of body.events) {
    if (!isObject(e)) return 'each event must be an object';
    const keys = Object.keys(e).filter(
      (k) => !['id', 'url', 'signal', 'appliedAction', 'occurredAt', 'detail'].includes(k),
    );
    if (keys.length > 0) return `unknown fields: ${keys.join(', ')}`;
    if (typeof e.id !== 'string' || !UUID.test(e.id)) return 'id must be a UUID';
    if (typeof e.url !== 'string' || /[?#]/.test(e.url) || e.url.length > 2048)
      return 'url must be origin + path, at most 2048 characters';
    if (e.signal !== 'catalog' && e.signal !== 'heuristic') return 'signal must be catalog or heuristic';
    if (!['ALLOW', 'WARN', 'BLOCK'].includes(e.appliedAction as string)) return 'bad appliedAction';
    const at = typeof e.occurredAt === 'string' ? Date.parse(e.occurredAt) : NaN;
    if (Number.isNaN(at) || Date.now() - at > 7 * 24 * 3600_000) return 'occurredAt must be within 7 days';
    if (e.detail !== undefined && (typeof e.detail !== 'string' || e.detail.length > 200))
      return 'bad detail';
  }
  return null;
}

export function warnOverrideProblem(body: unknown): string | null {
  if (!isObject(body) || typeof body.eventId !== 'string' || !UUID.test(body.eventId))
    return 'eventId must be a UUID';
  const { justification } = body;
  if (typeof justification !== 'string' || justification.length < 1 || justification.length > 1000)
    return 'justification must be 1..1000 characters';
  return Object.keys(body).length === 2 ? null : 'only eventId and justification';
}

const invalid = (message: string): Reply => ({
  status: 400,
  json: { error: { code: 'VALIDATION', message } },
});

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
    'shadow-event': (req) => {
      if (!authorized(req)) return invalidToken;
      const problem = shadowEventProblem(req.body);
      if (problem) return invalid(problem);
      return { status: 202, json: { accepted: (req.body as { events: unknown[] }).events.length } };
    },
    'warn-override': (req) => {
      if (!authorized(req)) return invalidToken;
      const problem = warnOverrideProblem(req.body);
      return problem ? invalid(problem) : { status: 202, json: { recorded: true } };
    },
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
