/**
 * `POST {backendUrl}/v1/extension/register`: trades the license key, this profile's endpoint id and
 * the user's identity for an extension token. Takes `fetch` so tests and callers choose the transport.
 */
import type { ConfigValues } from './config.ts';

export interface RegisterRequest {
  config: Pick<ConfigValues, 'backendUrl' | 'licenseKey' | 'userEmail'>;
  endpointId: string;
  userAgent?: string;
}

export interface Registration {
  token: string;
  /** ISO time the token expires. */
  expiresAt: string;
  orgId: string;
  endpointId: string;
  license: { status: string; expiresAt: string };
}

export type RegisterResult =
  | { kind: 'registered'; registration: Registration }
  /** The backend refused the license: 401 INVALID_LICENSE, 403 LICENSE_EXPIRED / LICENSE_REVOKED. */
  | { kind: 'unlicensed'; code: string; message: string }
  /** The backend refused the request for another reason (a 4xx that is not about the license). */
  | { kind: 'rejected'; httpStatus: number; code: string; message: string }
  /** Network error, timeout, 5xx or an answer that is not the register contract. */
  | { kind: 'unreachable'; code: string; message: string };

export interface RegisterOptions {
  fetch: typeof fetch;
  /** Abort the request after this long; default 10 s. */
  timeoutMs?: number;
}

export const REGISTER_PATH = '/v1/extension/register';
const USER_AGENT_MAX = 512;
export const LICENSE_CODES: ReadonlySet<string> = new Set([
  'INVALID_LICENSE',
  'LICENSE_EXPIRED',
  'LICENSE_REVOKED',
]);

export async function register(req: RegisterRequest, opts: RegisterOptions): Promise<RegisterResult> {
  const url = `${req.config.backendUrl}${REGISTER_PATH}`;
  const body: Record<string, unknown> = {
    licenseKey: req.config.licenseKey,
    endpointId: req.endpointId,
    identity: { email: req.config.userEmail },
  };
  if (req.userAgent) body.userAgent = req.userAgent.slice(0, USER_AGENT_MAX);

  let res: Response;
  try {
    res = await opts.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (err) {
    return { kind: 'unreachable', ...fetchFailure(err, req.config.backendUrl) };
  }

  const payload = await readJson(res);
  if (res.ok) {
    const registration = parseRegistration(payload);
    if (registration) return { kind: 'registered', registration };
    return {
      kind: 'unreachable',
      code: 'BAD_RESPONSE',
      message: `Kairro backend at ${req.config.backendUrl} answered registration with an unexpected body (is the URL the ingest service?).`,
    };
  }

  const error = parseError(payload);
  if (res.status === 401 || res.status === 403 || (error && LICENSE_CODES.has(error.code))) {
    return {
      kind: 'unlicensed',
      code: error?.code ?? `HTTP_${res.status}`,
      message: error?.message ?? `The backend refused the license (HTTP ${res.status}).`,
    };
  }
  if (res.status >= 400 && res.status < 500 && error) {
    return { kind: 'rejected', httpStatus: res.status, code: error.code, message: error.message };
  }
  return {
    kind: 'unreachable',
    code: error?.code ?? `HTTP_${res.status}`,
    message: `Kairro backend at ${req.config.backendUrl} answered HTTP ${res.status}${error ? `: ${error.message}` : ''}.`,
  };
}

// The helpers below are shared by every call to ingest (register, tool policy, evaluate).

/** A rejected `fetch` as a code (TIMEOUT when the AbortSignal's timeout fired, else UNREACHABLE) and a message. */
export function fetchFailure(err: unknown, backendUrl: string): { code: string; message: string } {
  const timedOut = err instanceof Error && err.name === 'TimeoutError';
  return {
    code: timedOut ? 'TIMEOUT' : 'UNREACHABLE',
    message: timedOut
      ? `Kairro backend at ${backendUrl} did not answer in time.`
      : `Cannot reach the Kairro backend at ${backendUrl}: ${describeError(err)}.`,
  };
}

/** The body as JSON, or undefined when it is empty or not JSON. */
export async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

function parseRegistration(value: unknown): Registration | undefined {
  if (!isRecord(value) || !isRecord(value.license)) return undefined;
  const { token, expiresAt, orgId, endpointId, license } = value;
  if (
    typeof token !== 'string' ||
    token === '' ||
    typeof expiresAt !== 'string' ||
    Number.isNaN(Date.parse(expiresAt)) ||
    typeof orgId !== 'string' ||
    typeof endpointId !== 'string' ||
    typeof license.status !== 'string' ||
    typeof license.expiresAt !== 'string'
  ) {
    return undefined;
  }
  return {
    token,
    expiresAt,
    orgId,
    endpointId,
    license: { status: license.status, expiresAt: license.expiresAt },
  };
}

/** Ingest's `{ error: { code, message } }` body, or undefined for anything else. */
export function parseError(value: unknown): { code: string; message: string } | undefined {
  if (!isRecord(value) || !isRecord(value.error)) return undefined;
  const { code, message } = value.error;
  if (typeof code !== 'string') return undefined;
  return { code, message: typeof message === 'string' && message !== '' ? message : code };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}
