/**
 * Keeps this browser profile registered with the backend: resolves the effective config (managed >
 * local), registers when there is no token for that config or it is about to expire, and records
 * the outcome as the status. Used by the background worker; storage goes through `wxt/browser`.
 */
import { registrationKey, validateConfig, type FailMode } from './config.ts';
import { register } from './register.ts';
import { tokenNeedsRenewal, type Status } from './status.ts';
import * as items from './storage.ts';

export interface RegistrarDeps {
  fetch: typeof fetch;
  userAgent?: string;
  now?: () => Date;
  timeoutMs?: number;
}

export interface Registrar {
  /**
   * Brings registration and status up to date and returns the status. Does no network call while
   * the token matches the config and is more than a day from expiry. Calls run one after another.
   */
  refresh(): Promise<Status>;
  /**
   * Drops `rejected` (a token the backend refused: 401 INVALID_TOKEN, 403 on the license) and
   * registers again. When the stored token is no longer `rejected`, another caller already renewed
   * it and this is a plain refresh, so a burst of refused requests registers once.
   */
  renew(rejected: string): Promise<Status>;
}

export function createRegistrar(deps: RegistrarDeps): Registrar {
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (task: () => Promise<Status>): Promise<Status> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    refresh: () => enqueue(() => refreshOnce(deps)),
    renew: (rejected) =>
      enqueue(async () => {
        if ((await items.token.getValue()) === rejected) await clearToken();
        return refreshOnce(deps);
      }),
  };
}

/** What a call to ingest needs: the backend, a token issued for the current config, and the fail mode. */
export type Session =
  | { ok: true; backendUrl: string; token: string; issuedFor: string; failMode: FailMode }
  /** No usable token: `reason` says why (not configured, unlicensed, not registered yet). */
  | { ok: false; failMode: FailMode; reason: string; status: Status };

/** Reads the current session from storage; no network call. */
export async function readSession(): Promise<Session> {
  const effective = await items.readEffectiveConfig();
  const { failMode } = effective.values;
  const validation = validateConfig(effective.values);
  if (!validation.ok) {
    return {
      ok: false,
      failMode,
      reason: validation.message,
      status: { state: 'unconfigured', message: validation.message },
    };
  }
  const key = registrationKey(validation.config);
  const [token, issuedFor, status] = await Promise.all([
    items.token.getValue(),
    items.tokenIssuedFor.getValue(),
    items.status.getValue(),
  ]);
  if (token === null || issuedFor !== key) {
    const reason =
      status.state === 'protected' ? 'Not registered with the Kairro backend yet.' : status.message;
    return { ok: false, failMode, reason, status };
  }
  return { ok: true, backendUrl: validation.config.backendUrl, token, issuedFor: key, failMode };
}

async function refreshOnce(deps: RegistrarDeps): Promise<Status> {
  const now = (deps.now ?? (() => new Date()))();
  const checkedAt = now.toISOString();
  const effective = await items.readEffectiveConfig();
  const validation = validateConfig(effective.values);
  if (!validation.ok) {
    await clearToken();
    return setStatus({ state: 'unconfigured', message: validation.message, checkedAt });
  }

  const config = validation.config;
  const key = registrationKey(config);
  const [token, expiresAt, issuedFor] = await Promise.all([
    items.token.getValue(),
    items.tokenExpiresAt.getValue(),
    items.tokenIssuedFor.getValue(),
  ]);
  const tokenForConfig = token !== null && issuedFor === key;
  if (tokenForConfig && !tokenNeedsRenewal(expiresAt, now)) {
    const current = await items.status.getValue();
    if (current.state === 'protected' && current.code === undefined) return current;
    return setStatus({ ...protectedStatus(config.backendUrl, config.userEmail), checkedAt });
  }

  const result = await register(
    { config, endpointId: await items.endpointId.getValue(), userAgent: deps.userAgent },
    { fetch: deps.fetch, timeoutMs: deps.timeoutMs },
  );
  switch (result.kind) {
    case 'registered': {
      const { registration } = result;
      await Promise.all([
        items.token.setValue(registration.token),
        items.tokenExpiresAt.setValue(registration.expiresAt),
        items.tokenIssuedFor.setValue(key),
      ]);
      return setStatus({
        ...protectedStatus(config.backendUrl, config.userEmail),
        checkedAt,
        orgId: registration.orgId,
        licenseExpiresAt: registration.license.expiresAt,
      });
    }
    case 'unlicensed':
      await clearToken();
      return setStatus({ state: 'unlicensed', code: result.code, message: result.message, checkedAt });
    case 'rejected':
      await clearToken();
      return setStatus({
        state: 'degraded',
        code: result.code,
        message: `The backend refused registration (${result.code}): ${result.message}`,
        checkedAt,
      });
    case 'unreachable': {
      const stillValid = tokenForConfig && expiresAt !== null && Date.parse(expiresAt) > now.getTime();
      if (stillValid) {
        // The token works until it expires; say renewal failed and try again on the next refresh.
        return setStatus({
          ...protectedStatus(config.backendUrl, config.userEmail),
          code: result.code,
          message: `Protected until ${expiresAt}, but renewing the token failed: ${result.message}`,
          checkedAt,
        });
      }
      return setStatus({ state: 'degraded', code: result.code, message: result.message, checkedAt });
    }
  }
}

function protectedStatus(backendUrl: string, email: string): Pick<Status, 'state' | 'message'> {
  return { state: 'protected', message: `Protected: registered with ${hostOf(backendUrl)} as ${email}.` };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function setStatus(next: Status): Promise<Status> {
  await items.status.setValue(next);
  return next;
}

async function clearToken(): Promise<void> {
  await Promise.all([
    items.token.removeValue(),
    items.tokenExpiresAt.removeValue(),
    items.tokenIssuedFor.removeValue(),
  ]);
}

/** Storage keys (without the `local:` prefix) whose change can change what the worker registers with. */
const REGISTRATION_KEYS = new Set(
  [items.backendUrl, items.licenseKey, items.userEmail].map((item) => item.key.replace(/^local:/, '')),
);

/** Whether a `storage.onChanged` event should trigger a refresh: any policy change, or a local key above. */
export function affectsRegistration(changes: Record<string, unknown>, areaName: string): boolean {
  if (areaName === 'managed') return true;
  if (areaName !== 'local') return false;
  return Object.keys(changes).some((key) => REGISTRATION_KEYS.has(key));
}
