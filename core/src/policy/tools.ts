import { globMatch } from './glob.ts';
import type { Action, Severity, ToolConfig } from './types.ts';

interface UrlPattern {
  scheme: '*' | 'http' | 'https';
  /** Lower-case host without the `*.` prefix; '' for any host. */
  host: string;
  /** `*.example.com`: the host itself and any subdomain. */
  subdomains: boolean;
  /** null or '*' = any port. */
  port: string | null;
  path: string;
}

const SHAPE = /^([^:/]*):\/\/([^/]*)(\/.*)?$/;
const HOST = /^[a-z0-9.-]+$/;
const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * Parsed patterns by their text: every evaluation checks the page against the org's patterns, and
 * parsing them each time was a measurable share of it. Patterns are few (admins write them), but
 * the cache is bounded anyway so no input can grow it without limit.
 */
const parsedPatterns = new Map<string, UrlPattern | string>();
const MAX_PARSED_PATTERNS = 10_000;

function parse(pattern: string): UrlPattern | string {
  let parsed = parsedPatterns.get(pattern);
  if (parsed === undefined) {
    if (parsedPatterns.size >= MAX_PARSED_PATTERNS) parsedPatterns.clear();
    parsed = parseUncached(pattern);
    parsedPatterns.set(pattern, parsed);
  }
  return parsed;
}

/** Chrome match-pattern syntax restricted to web pages: `<scheme>://<host>/<path>`. */
function parseUncached(pattern: string): UrlPattern | string {
  const m = SHAPE.exec(pattern.trim());
  if (!m) return 'must look like <scheme>://<host>/<path>, e.g. https://chat.example.com/*';
  const [, scheme = '', hostPort = '', path] = m;
  if (scheme !== '*' && scheme !== 'http' && scheme !== 'https') return 'scheme must be http, https or *';
  if (path === undefined) return 'needs a path, e.g. /*';
  let hostPart = hostPort.toLowerCase();
  let port: string | null = null;
  const colon = hostPart.lastIndexOf(':');
  if (colon !== -1) {
    port = hostPart.slice(colon + 1);
    hostPart = hostPart.slice(0, colon);
    if (port !== '*' && !/^\d{1,5}$/.test(port)) return 'port must be a number or *';
  }
  if (hostPart === '*') return { scheme, host: '', subdomains: true, port, path };
  const subdomains = hostPart.startsWith('*.');
  const host = subdomains ? hostPart.slice(2) : hostPart;
  if (host === '' || !HOST.test(host) || host.startsWith('.') || host.endsWith('.'))
    return 'host must be *, *.example.com or example.com (a * only as the first label)';
  return { scheme, host, subdomains, port, path };
}

/** Why `pattern` is not a valid tool URL pattern, or null when it is (the API validates with it). */
export function isValidUrlPattern(pattern: string): string | null {
  const parsed = parse(pattern);
  return typeof parsed === 'string' ? `URL pattern "${pattern}" ${parsed}` : null;
}

/**
 * Chrome match-pattern semantics: scheme `*` means http or https; host `*` any host, `*.x.com`
 * x.com and its subdomains; path (with the query string, as Chrome does) globbed with `*`.
 * An invalid pattern matches nothing.
 */
export function matchesUrlPattern(pattern: string, url: URL): boolean {
  const p = parse(pattern);
  if (typeof p === 'string') return false;
  const scheme = url.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== p.scheme) return false;
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (p.host !== '') {
    const under = p.subdomains && host.endsWith(`.${p.host}`);
    if (host !== p.host && !under) return false;
  }
  if (p.port !== null && p.port !== '*' && (url.port || DEFAULT_PORT[url.protocol]) !== p.port) return false;
  return globMatch(p.path, url.pathname + url.search);
}

/**
 * The org's classification of the page: approved tools are checked first, then unapproved ones,
 * each in list order; the first with a matching pattern wins. Approved first so a narrow approved
 * pattern (an enterprise tenant) beats a broad unapproved one on the same site. Null when the org
 * never classified the page.
 */
export function resolveTool(url: URL, tools: readonly ToolConfig[]): ToolConfig | null {
  for (const status of ['APPROVED', 'UNAPPROVED'] as const) {
    for (const tool of tools) {
      if (tool.status === status && tool.urlPatterns.some((p) => matchesUrlPattern(p, url))) return tool;
    }
  }
  return null;
}

/**
 * The org's tools as the extension gets them (`GET /v1/extension/policy`, which adds a version):
 * where to intercept and what to do on shadow AI, never a policy or a rule.
 */
export interface ExtensionToolLists {
  approvedTools: Array<Pick<ToolConfig, 'id' | 'name' | 'urlPatterns' | 'applyPolicies'>>;
  unapprovedTools: Array<{
    id: string;
    name: string;
    urlPatterns: string[];
    action: Action;
    severity: Severity;
  }>;
}

export function extensionToolLists(tools: readonly ToolConfig[]): ExtensionToolLists {
  return {
    approvedTools: tools
      .filter((t) => t.status === 'APPROVED')
      .map(({ id, name, urlPatterns, applyPolicies }) => ({ id, name, urlPatterns, applyPolicies })),
    unapprovedTools: tools
      .filter((t) => t.status === 'UNAPPROVED')
      .map(({ id, name, urlPatterns, action, severity }) => ({ id, name, urlPatterns, action, severity })),
  };
}
