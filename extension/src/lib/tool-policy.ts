/**
 * The org's AI tool lists (`GET /v1/extension/policy`), cached in storage and revalidated with the
 * ETag, and the page classification the content scripts ask for. Used by the background worker.
 */
import { matchesUrlPattern } from '@kairro/core/tools';
import { builtinToolPolicy } from './builtin-tools.ts';
import { registrationKey, validateConfig } from './config.ts';
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

/** A catalog AI tool in neither of the org's lists: reported when visited, nothing else. */
export interface WatchedTool {
  id: string;
  name: string;
  urlPatterns: string[];
}

export interface ExtensionPolicy {
  version: string;
  approvedTools: ApprovedTool[];
  unapprovedTools: UnapprovedTool[];
  /** Absent from older backends, from the built-in lists and from lists cached before it existed. */
  watchedTools?: WatchedTool[];
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
  return {
    version: value.version,
    approvedTools: approved,
    unapprovedTools: unapproved,
    watchedTools: parseWatched(value.watchedTools),
  };
}

/**
 * The watch list only reports visits, so an entry this version cannot read is skipped rather than
 * refusing the whole document (which would leave the org's own lists unenforced).
 */
function parseWatched(value: unknown): WatchedTool[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isTool).map(({ id, name, urlPatterns }) => ({ id, name, urlPatterns }));
}

/**
 * Approved tools first, then unapproved, each in list order; the first with a matching pattern
 * wins, so a narrow approved pattern (an enterprise tenant) beats a broad unapproved one. The same
 * order as ingest's decision (`resolveTool` in core/src/policy/tools.ts). Then the catalog's watch
 * list, as ingest classifies a sighting.
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
  const watched = policy.watchedTools?.find(matches);
  if (watched) return { kind: 'watched', toolId: watched.id, name: watched.name };
  return { kind: 'other' };
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
  /**
   * From the lists last fetched for the current configuration (kept across worker restarts and a
   * lost token); fetches first when there are none. While none could ever be fetched, from the
   * built-in catalog, so the well-known tools are still intercepted and the fail mode applies.
   * `other` when the extension is not configured: there is no org whose policy could apply.
   */
  classify(url: string): Promise<PageClass>;
}

/** After a failed fetch, classifications use what they have for this long before fetching again. */
const CLASSIFY_RETRY_MS = 30_000;

/** `registrationKey` of the effective config, or null when it is not complete. */
async function currentKey(): Promise<string | null> {
  const validation = validateConfig((await items.readEffectiveConfig()).values);
  return validation.ok ? registrationKey(validation.config) : null;
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

  /** When a classification's fetch last failed; every page load asking again would pile up requests. */
  let failedAt = -Infinity;

  return {
    refresh,
    async classify(url) {
      const key = await currentKey();
      if (key === null) return { kind: 'other' };
      let cached = await items.toolPolicy.getValue();
      if (cached?.issuedFor !== key && now().getTime() - failedAt >= CLASSIFY_RETRY_MS) {
        const outcome = await refresh();
        if (outcome === 'failed' || outcome === 'refused') failedAt = now().getTime();
        cached = await items.toolPolicy.getValue();
      }
      return classifyUrl(url, cached?.issuedFor === key ? cached.policy : builtinToolPolicy());
    },
  };
}
