import postgres from 'postgres';
import { hashPassword } from '@kairro/api';
import { createUser, type Role } from '@kairro/postgres';

/** A console user of the demo org, written straight into the platform's database. */
export async function addDemoUser(
  databaseUrl: string,
  user: { email: string; password: string; role: Role },
): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1 });
  try {
    const [org] = await sql<{ id: string }[]>`select id from orgs where slug = 'demo'`;
    if (!org) throw new Error('the demo org does not exist yet: start the platform first');
    await createUser(sql, {
      orgId: org.id,
      email: user.email,
      passwordHash: await hashPassword(user.password),
      role: user.role,
    });
  } finally {
    await sql.end();
  }
}
