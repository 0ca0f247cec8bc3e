/**
 * The org's AI tool lists (`GET /v1/extension/policy`), cached in storage and revalidated with the
 * ETag, and the page classification the content scripts ask for. Used by the background worker.
 */
import type { Action, PageClass, Severity } from './messages.ts';
import { fetchFailure, isRecord, parseError, readJson } from './register.ts';
import { readSession, type Registrar } from './registration.ts';
import * as items from './storage.ts';

export interface ApprovedTool {
  id: string;
  name: string;
  urlPatterns: string[];
  applyPolicies: boolean;
}

export interface UnapprovedTool {
  id: string;
  name: string;
  urlPatterns: string[];
  action: Action;
  severity: Severity;
}

export interface ExtensionPolicy {
  version: string;
  approvedTools: ApprovedTool[];
  unapprovedTools: UnapprovedTool[];
}

export interface CachedToolPolicy {
  policy: ExtensionPolicy;
  /** The ETag the backend sent with it, for `If-None-Match`. */
  etag: string | null;
  /** ISO time the backend last confirmed it (200 or 304). */
  checkedAt: string;
  /** `registrationKey` of the config it was fetched for: another backend or license means another org. */
  issuedFor: string;
}

export const POLICY_PATH = '/v1/extension/policy';

export type PolicyFetch =
  | { kind: 'fetched'; policy: ExtensionPolicy; etag: string | null }
  | { kind: 'not-modified' }
  /** 401 (token) or 403 (license): the token must be renewed, which also updates the status. */
  | { kind: 'refused'; code: string; message: string }
  /** Network error, timeout, another HTTP error or a body that is not the policy contract. */
  | { kind: 'failed'; code: string; message: string };

export async function fetchPolicy(
  req: { backendUrl: string; token: string; etag: string | null },
  opts: { fetch: typeof fetch; timeoutMs: number },
): Promise<PolicyFetch> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${req.token}`,
    accept: 'application/json',
  };
  if (req.etag !== null) headers['if-none-match'] = req.etag;
  let res: Response;
  try {
    res = await opts.fetch(`${req.backendUrl}${POLICY_PATH}`, {
      headers,
      // The worker keeps its own copy; the browser's HTTP cache would only answer 304s with 200s.
      cache: 'no-store',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    return { kind: 'failed', ...fetchFailure(err, req.backendUrl) };
  }
  if (res.status === 304) return { kind: 'not-modified' };
  const payload = await readJson(res);
  if (res.ok) {
    const policy = parsePolicy(payload);
    if (policy) return { kind: 'fetched', policy, etag: res.headers.get('etag') };
    return {
      kind: 'failed',
      code: 'BAD_RESPONSE',
      message: `Kairro backend at ${req.backendUrl} answered the tool policy with an unexpected body.`,
    };
  }
  const error = parseError(payload);
  const code = error?.code ?? `HTTP_${res.status}`;
  if (res.status === 401 || res.status === 403) {
    return { kind: 'refused', code, message: error?.message ?? `HTTP ${res.status}` };
  }
  return {
    kind: 'failed',
    code,
    message: `Kairro backend at ${req.backendUrl} answered the tool policy with HTTP ${res.status}${error ? `: ${error.message}` : ''}.`,
  };
}

const ACTIONS: ReadonlySet<string> = new Set<Action>(['ALLOW', 'WARN', 'MASK', 'BLOCK']);
const SEVERITIES: ReadonlySet<string> = new Set<Severity>(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

function isTool(
  value: unknown,
): value is Record<string, unknown> & { id: string; name: string; urlPatterns: string[] } {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    Array.isArray(value.urlPatterns) &&
    value.urlPatterns.every((p) => typeof p === 'string')
  );
}

export function parsePolicy(value: unknown): ExtensionPolicy | undefined {
  if (!isRecord(value) || typeof value.version !== 'string') return undefined;
  const { approvedTools, unapprovedTools } = value;
  if (!Array.isArray(approvedTools) || !Array.isArray(unapprovedTools)) return undefined;
  const approved: ApprovedTool[] = [];
  for (const t of approvedTools) {
    if (!isTool(t) || typeof t.applyPolicies !== 'boolean') return undefined;
    approved.push({ id: t.id, name: t.name, urlPatterns: t.urlPatterns, applyPolicies: t.applyPolicies });
  }
  const unapproved: UnapprovedTool[] = [];
  for (const t of unapprovedTools) {
    if (!isTool(t) || !ACTIONS.has(t.action as string) || !SEVERITIES.has(t.severity as string))
      return undefined;
    unapproved.push({
      id: t.id,
      name: t.name,
      urlPatterns: t.urlPatterns,
      action: t.action as Action,
      severity: t.severity as Severity,
    });
  }
  return { version: value.version, approvedTools: approved, unapprovedTools: unapproved };
}

/**
 * Approved tools first, then unapproved, each in list order; the first with a matching pattern
 * wins, so a narrow approved pattern (an enterprise tenant) beats a broad unapproved one. The same
 * order as ingest's decision (`resolveTool` in core/src/policy/tools.ts).
 */
export function classifyUrl(url: string, policy: ExtensionPolicy): PageClass {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'other' };
  }
  const matches = (tool: { urlPatterns: string[] }) =>
    tool.urlPatterns.some((p) => matchesUrlPattern(p, parsed));
  const approved = policy.approvedTools.find(matches);
  if (approved) {
    return {
      kind: 'approved',
      toolId: approved.id,
      name: approved.name,
      applyPolicies: approved.applyPolicies,
    };
  }
  const unapproved = policy.unapprovedTools.find(matches);
  if (unapproved) {
    const { id, name, action, severity } = unapproved;
    return { kind: 'unapproved', toolId: id, name, action, severity };
  }
  return { kind: 'other' };
}

/*
 * The URL pattern matcher is a port of `matchesUrlPattern` in core/src/policy/tools.ts and
 * `globMatch` in core/src/policy/glob.ts: importing @kairro/core pulled about 33 kB of detector code
 * into the worker that tree-shaking could not drop. Keep the two in step; tool-policy.test.ts
 * mirrors core's test table.
 */

const PATTERN_SHAPE = /^([^:/]*):\/\/([^/]*)(\/.*)?$/;
const PATTERN_HOST = /^[a-z0-9.-]+$/;
const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

interface UrlPattern {
  scheme: '*' | 'http' | 'https';
  /** Lower-case host without the `*.` prefix; '' for any host. */
  host: string;
  subdomains: boolean;
  /** null or '*' = any port. */
  port: string | null;
  path: string;
}

function parsePattern(pattern: string): UrlPattern | null {
  const m = PATTERN_SHAPE.exec(pattern.trim());
  if (!m) return null;
  const [, scheme = '', hostPort = '', path] = m;
  if ((scheme !== '*' && scheme !== 'http' && scheme !== 'https') || path === undefined) return null;
  let hostPart = hostPort.toLowerCase();
  let port: string | null = null;
  const colon = hostPart.lastIndexOf(':');
  if (colon !== -1) {
    port = hostPart.slice(colon + 1);
    hostPart = hostPart.slice(0, colon);
    if (port !== '*' && !/^\d{1,5}$/.test(port)) return null;
  }
  if (hostPart === '*') return { scheme, host: '', subdomains: true, port, path };
  const subdomains = hostPart.startsWith('*.');
  const host = subdomains ? hostPart.slice(2) : hostPart;
  if (host === '' || !PATTERN_HOST.test(host) || host.startsWith('.') || host.endsWith('.')) return null;
  return { scheme, host, subdomains, port, path };
}

/**
 * Chrome match-pattern semantics: scheme `*` means http or https; host `*` any host, `*.x.com`
 * x.com and its subdomains; path (with the query string) globbed with `*`. An invalid pattern
 * matches nothing.
 */
export function matchesUrlPattern(pattern: string, url: URL): boolean {
  const p = parsePattern(pattern);
  if (p === null) return false;
  const scheme = url.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== p.scheme) return false;
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (p.host !== '' && host !== p.host && !(p.subdomains && host.endsWith(`.${p.host}`))) return false;
  if (p.port !== null && p.port !== '*' && (url.port || DEFAULT_PORT[url.protocol]) !== p.port) return false;
  return globMatch(p.path, url.pathname + url.search);
}

/** `*` matches any run of characters; one backtrack point, so never exponential on admin globs. */
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

export type RefreshOutcome = 'fetched' | 'not-modified' | 'fresh' | 'no-session' | 'refused' | 'failed';

export interface ToolPolicyDeps {
  fetch: typeof fetch;
  registrar: Registrar;
  now?: () => Date;
  /** Per request; default 5 s. */
  timeoutMs?: number;
}

export interface ToolPolicy {
  /**
   * Fetches the tool lists unless the cache is for the current registration and was confirmed less
   * than `maxAgeMs` ago (default 0: always revalidate). Concurrent calls share one request.
   */
  refresh(opts?: { maxAgeMs?: number }): Promise<RefreshOutcome>;
  /** From the cache; fetches first only when there is no cache for the current registration. */
  classify(url: string): Promise<PageClass>;
}

export function createToolPolicy(deps: ToolPolicyDeps): ToolPolicy {
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? 5_000;
  let inFlight: Promise<RefreshOutcome> | null = null;

  async function refreshOnce(maxAgeMs: number): Promise<RefreshOutcome> {
    for (let attempt = 0; ; attempt++) {
      const session = await readSession();
      if (!session.ok) return 'no-session';
      const cached = await items.toolPolicy.getValue();
      const current = cached?.issuedFor === session.issuedFor ? cached : null;
      if (current && now().getTime() - Date.parse(current.checkedAt) < maxAgeMs) return 'fresh';

      const result = await fetchPolicy(
        { backendUrl: session.backendUrl, token: session.token, etag: current?.etag ?? null },
        { fetch: deps.fetch, timeoutMs },
      );
      const checkedAt = now().toISOString();
      switch (result.kind) {
        case 'fetched':
          await items.toolPolicy.setValue({ ...result, checkedAt, issuedFor: session.issuedFor });
          return 'fetched';
        case 'not-modified':
          // A 304 to a request without If-None-Match would leave nothing to keep.
          if (current) await items.toolPolicy.setValue({ ...current, checkedAt });
          return 'not-modified';
        case 'refused': {
          // Registering again either yields a fresh token (retry once) or records why not in the status.
          const status = await deps.registrar.renew(session.token);
          if (attempt === 0 && status.state === 'protected') continue;
          return 'refused';
        }
        case 'failed':
          // The cached lists stay in use; the next alarm or registration tries again.
          console.warn(`[kairro] tool policy refresh failed (${result.code}): ${result.message}`);
          return 'failed';
      }
    }
  }

  const refresh: ToolPolicy['refresh'] = (opts = {}) => {
    inFlight ??= refreshOnce(opts.maxAgeMs ?? 0).finally(() => (inFlight = null));
    return inFlight;
  };

  return {
    refresh,
    async classify(url) {
      const issuedFor = await items.tokenIssuedFor.getValue();
      let cached = await items.toolPolicy.getValue();
      if (cached === null || cached.issuedFor !== issuedFor) {
        await refresh();
        cached = await items.toolPolicy.getValue();
      }
      // Without lists (never fetched, not registered) nothing is known about the page.
      if (cached === null || cached.issuedFor !== issuedFor) return { kind: 'other' };
      return classifyUrl(url, cached.policy);
    },
  };
}
