import { randomBytes } from 'node:crypto';
import type { Sql } from '../connect.ts';
import { hashSecret } from './licenses.ts';
import type { Role } from './users.ts';

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  orgId: string;
  orgName: string;
}

/** Creates a session and returns the opaque token for the cookie; only its hash is stored. */
export async function createSession(
  sql: Sql,
  input: { userId: string; orgId: string; ttlSeconds: number },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  // Housekeeping where sessions are made: expired ones are useless and only grow the table.
  await sql`delete from admin_sessions where expires_at < now()`;
  await sql`
    insert into admin_sessions (token_hash, user_id, org_id, expires_at)
    values (${hashSecret(token)}, ${input.userId}, ${input.orgId},
            now() + make_interval(secs => ${input.ttlSeconds}))`;
  return token;
}

export async function findSessionUser(sql: Sql, token: string): Promise<SessionUser | undefined> {
  const [row] = await sql<SessionUser[]>`
    select u.id, u.email, u.role, u.org_id as "orgId", o.name as "orgName"
    from admin_sessions s
    join users u on u.id = s.user_id
    join orgs o on o.id = s.org_id
    where s.token_hash = ${hashSecret(token)} and s.expires_at > now()`;
  return row;
}

export async function deleteSession(sql: Sql, token: string): Promise<void> {
  await sql`delete from admin_sessions where token_hash = ${hashSecret(token)}`;
}
