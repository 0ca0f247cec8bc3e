import type { Sql } from '../connect.ts';

/** An employee seen through the extension. */
export interface IdentityRow {
  id: string;
  email: string;
  teamId: string | null;
  teamName: string | null;
  createdAt: string;
  /** The last time one of the employee's browsers called ingest; null when never. */
  lastSeenAt: string | null;
}

export interface IdentityFilter {
  /** Case-insensitive substring of the email. */
  search?: string | undefined;
  /** Only members of this team; `null` = only identities without a team. */
  teamId?: string | null | undefined;
  limit: number;
  /** The last email of the previous page (identities are listed by email). */
  after?: string | undefined;
}

const COLUMNS = `i.id, i.email, i.team_id as "teamId", t.name as "teamName",
  to_json(i.created_at)#>>'{}' as "createdAt",
  (select to_json(max(e.last_seen_at))#>>'{}' from endpoints e where e.identity_id = i.id) as "lastSeenAt"`;

export async function listIdentities(sql: Sql, orgId: string, f: IdentityFilter): Promise<IdentityRow[]> {
  const search = f.search ? `%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const team =
    f.teamId === undefined
      ? sql``
      : f.teamId === null
        ? sql`and i.team_id is null`
        : sql`and i.team_id = ${f.teamId}`;
  return sql<IdentityRow[]>`
    select ${sql.unsafe(COLUMNS)} from identities i left join teams t on t.id = i.team_id
    where i.org_id = ${orgId}
      and (${search}::text is null or lower(i.email) like ${search})
      and (${f.after ?? null}::text is null or lower(i.email) > ${f.after?.toLowerCase() ?? null})
      ${team}
    order by lower(i.email) limit ${f.limit}`;
}

export async function getIdentity(sql: Sql, orgId: string, id: string): Promise<IdentityRow | undefined> {
  const [row] = await sql<IdentityRow[]>`
    select ${sql.unsafe(COLUMNS)} from identities i left join teams t on t.id = i.team_id
    where i.org_id = ${orgId} and i.id = ${id}`;
  return row;
}

export async function findIdentityByEmail(
  sql: Sql,
  orgId: string,
  email: string,
): Promise<IdentityRow | undefined> {
  const [row] = await sql<IdentityRow[]>`
    select ${sql.unsafe(COLUMNS)} from identities i left join teams t on t.id = i.team_id
    where i.org_id = ${orgId} and lower(i.email) = lower(${email})`;
  return row;
}

/** Puts the identity in a team of the same org (or none); undefined when either is not the org's. */
export async function setIdentityTeam(
  sql: Sql,
  orgId: string,
  id: string,
  teamId: string | null,
): Promise<IdentityRow | undefined> {
  const rows = await sql`
    update identities set team_id = ${teamId}
    where org_id = ${orgId} and id = ${id}
      and (${teamId}::uuid is null or exists (select 1 from teams where org_id = ${orgId} and id = ${teamId}))
    returning id`;
  return rows.length ? getIdentity(sql, orgId, id) : undefined;
}
