import type { Sql } from '../connect.ts';

export type Role = 'OWNER' | 'ADMIN' | 'ANALYST' | 'VIEWER';

export interface UserRow {
  id: string;
  orgId: string;
  orgName: string;
  email: string;
  role: Role;
  passwordHash: string;
}

export async function createUser(
  sql: Sql,
  input: { orgId: string; email: string; passwordHash: string; role: Role },
): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into users (org_id, email, password_hash, role)
    values (${input.orgId}, ${input.email}, ${input.passwordHash}, ${input.role})
    returning id`;
  return row!.id;
}

export async function findUserByEmail(sql: Sql, email: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`
    select u.id, u.org_id as "orgId", o.name as "orgName", u.email, u.role, u.password_hash as "passwordHash"
    from users u join orgs o on o.id = u.org_id
    where lower(u.email) = lower(${email})`;
  return row;
}
