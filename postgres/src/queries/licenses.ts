import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../connect.ts';

export type LicenseStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export interface LicenseRow {
  id: string;
  orgId: string;
  status: LicenseStatus;
  expiresAt: Date;
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Issues a new license key for an org. The key itself is returned once and stored only as a hash. */
export async function createLicense(
  sql: Sql,
  orgId: string,
  opts: { expiresAt: Date; seats?: number },
): Promise<{ id: string; key: string }> {
  const key = `krr_lic_${randomBytes(24).toString('base64url')}`;
  const [row] = await sql<{ id: string }[]>`
    insert into licenses (org_id, key_hash, key_prefix, status, seats, expires_at)
    values (${orgId}, ${hashSecret(key)}, ${key.slice(0, 12)}, 'ACTIVE', ${opts.seats ?? 100}, ${opts.expiresAt})
    returning id`;
  return { id: row!.id, key };
}

export async function findLicenseByKey(sql: Sql, key: string): Promise<LicenseRow | undefined> {
  const [row] = await sql<LicenseRow[]>`
    select id, org_id as "orgId", status, expires_at as "expiresAt"
    from licenses where key_hash = ${hashSecret(key)}`;
  return row;
}

export async function setLicenseStatus(
  sql: Sql,
  orgId: string,
  licenseId: string,
  patch: { status?: LicenseStatus; expiresAt?: Date },
): Promise<void> {
  await sql`
    update licenses set
      status = coalesce(${patch.status ?? null}, status),
      expires_at = coalesce(${patch.expiresAt ?? null}, expires_at),
      updated_at = now()
    where id = ${licenseId} and org_id = ${orgId}`;
}
