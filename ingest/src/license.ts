import { ApiError } from '@kairro/http';

/**
 * Refuses an unusable license the way register does: 403 LICENSE_REVOKED or LICENSE_EXPIRED, so the
 * extension knows it is unlicensed and fails closed. A license missing from the org (deleted) counts
 * as revoked, as it does in evaluations.
 */
export function assertLicenseUsable(
  license: { status: string; expiresAt: Date | string } | undefined,
  now: Date,
): void {
  if (!license || license.status === 'REVOKED')
    throw new ApiError('LICENSE_REVOKED', 'This license was revoked. Contact your admin.');
  const expiresAt = new Date(license.expiresAt);
  if (license.status === 'EXPIRED' || expiresAt <= now)
    throw new ApiError(
      'LICENSE_EXPIRED',
      `This license expired on ${expiresAt.toISOString()}. Contact your admin.`,
    );
}
