import type { Sql } from './connect.ts';
import { createLicense } from './queries/licenses.ts';
import { createOrg } from './queries/orgs.ts';
import { createUser } from './queries/users.ts';

export interface DemoCredentials {
  orgId: string;
  adminEmail: string;
  adminPassword: string;
  licenseKey: string;
}

/**
 * Seeds the demo org (admin user, license key, default policies) when the installation has no org
 * yet. Returns the credentials only when it created them: they are not recoverable afterwards.
 */
export async function seedDemoOrg(
  sql: Sql,
  deps: { hashPassword(password: string): Promise<string>; randomPassword(): string; now: Date },
): Promise<DemoCredentials | null> {
  const [existing] = await sql`select 1 from orgs limit 1`;
  if (existing) return null;
  const adminEmail = 'admin@demo.kairro.local';
  const adminPassword = deps.randomPassword();
  const orgId = await createOrg(sql, { name: 'Demo Org', slug: 'demo' });
  await createUser(sql, {
    orgId,
    email: adminEmail,
    passwordHash: await deps.hashPassword(adminPassword),
    role: 'OWNER',
  });
  const expiresAt = new Date(deps.now.getTime() + 365 * 24 * 3600 * 1000);
  const { key } = await createLicense(sql, orgId, { expiresAt, seats: 250 });
  return { orgId, adminEmail, adminPassword, licenseKey: key };
}
