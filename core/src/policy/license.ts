import type { LicenseState } from './types.ts';

// The same license object is checked on every evaluation until its org's config reloads.
const expiries = new WeakMap<LicenseState, number>();

function expiryOf(license: LicenseState): number {
  let expires = expiries.get(license);
  if (expires === undefined) {
    expires = Date.parse(license.expiresAt);
    expiries.set(license, expires);
  }
  return expires;
}

/**
 * Why the license does not allow traffic, or null when it does. An unreadable expiry counts as a
 * problem: the engine fails closed rather than letting everything through on a corrupt record.
 */
export function licenseProblem(license: LicenseState, now: Date): string | null {
  if (license.status !== 'ACTIVE') return `License is ${license.status}`;
  const expires = expiryOf(license);
  if (Number.isNaN(expires)) return `License expiry "${license.expiresAt}" is not a valid date`;
  if (expires <= now.getTime()) return `License expired at ${new Date(expires).toISOString()}`;
  return null;
}
