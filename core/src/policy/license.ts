import type { LicenseState } from './types.ts';

/**
 * Why the license does not allow traffic, or null when it does. An unreadable expiry counts as a
 * problem: the engine fails closed rather than letting everything through on a corrupt record.
 */
export function licenseProblem(license: LicenseState, now: Date): string | null {
  if (license.status !== 'ACTIVE') return `License is ${license.status}`;
  const expires = Date.parse(license.expiresAt);
  if (Number.isNaN(expires)) return `License expiry "${license.expiresAt}" is not a valid date`;
  if (expires <= now.getTime()) return `License expired at ${new Date(expires).toISOString()}`;
  return null;
}
