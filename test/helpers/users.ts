import postgres from 'postgres';
import { hashPassword } from '@kairro/api';
import { createOrg, createUser, type Role } from '@kairro/postgres';

/**
 * A console user written straight into the platform's database: of the demo org, or with `orgSlug`
 * of that org, created (with a new org's defaults) if it does not exist yet.
 */
export async function addDemoUser(
  databaseUrl: string,
  user: { email: string; password: string; role: Role; orgSlug?: string },
): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1 });
  try {
    const slug = user.orgSlug ?? 'demo';
    const [org] = await sql<{ id: string }[]>`select id from orgs where slug = ${slug}`;
    if (!org && slug === 'demo') throw new Error('the demo org does not exist yet: start the platform first');
    const orgId = org?.id ?? (await createOrg(sql, { name: slug, slug }));
    await createUser(sql, {
      orgId,
      email: user.email,
      passwordHash: await hashPassword(user.password),
      role: user.role,
    });
  } finally {
    await sql.end();
  }
}
