/**
 * The protection status the background worker keeps and the popup and options page show. Pure.
 *
 * - unconfigured: backend URL, license key or email missing or invalid; nothing is checked.
 * - protected: registered; the worker holds a valid token.
 * - unlicensed: the backend refused the license (unknown, expired or revoked).
 * - degraded: the backend could not be reached or answered unexpectedly; the fail mode applies.
 */
export type StatusState = 'unconfigured' | 'protected' | 'unlicensed' | 'degraded';

export interface Status {
  state: StatusState;
  /** Human-readable explanation, shown as is. */
  message: string;
  /** Error code from the backend (e.g. LICENSE_EXPIRED) or a local one (e.g. UNREACHABLE). */
  code?: string;
  /** ISO time this status was determined; absent before the first check. */
  checkedAt?: string;
  orgId?: string;
  /** ISO expiry of the license, when the backend reported it. */
  licenseExpiresAt?: string;
}

export const INITIAL_STATUS: Status = {
  state: 'unconfigured',
  message: 'Not configured yet. Open the options to enter the backend URL, license key and email.',
};

export interface StatusPresentation {
  label: string;
  /** For styling: good (green), warn (amber), bad (red), idle (grey). */
  tone: 'good' | 'warn' | 'bad' | 'idle';
}

const PRESENTATION: Record<StatusState, StatusPresentation> = {
  protected: { label: 'Protected', tone: 'good' },
  degraded: { label: 'Degraded', tone: 'warn' },
  unlicensed: { label: 'Unlicensed', tone: 'bad' },
  unconfigured: { label: 'Not configured', tone: 'idle' },
};

export function presentStatus(state: StatusState): StatusPresentation {
  return PRESENTATION[state];
}

const STATES: readonly StatusState[] = ['unconfigured', 'protected', 'unlicensed', 'degraded'];

export function isStatus(value: unknown): value is Status {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return STATES.includes(v.state as StatusState) && typeof v.message === 'string';
}

/** The token is renewed when it expires within this window (or has no readable expiry). */
export const RENEW_WITHIN_MS = 24 * 60 * 60 * 1000;

export function tokenNeedsRenewal(expiresAt: string | null, now: Date): boolean {
  if (expiresAt === null) return true;
  const expiry = Date.parse(expiresAt);
  if (Number.isNaN(expiry)) return true;
  return expiry - now.getTime() <= RENEW_WITHIN_MS;
}
