import type { Sql } from '../connect.ts';

export interface TeamRow {
  id: string;
  name: string;
  /** Identities in the team. */
  memberCount: number;
  createdAt: string;
}

/** Thrown when the org already has a team of that name. */
export class DuplicateTeamError extends Error {}

const COLUMNS = `t.id, t.name, to_json(t.created_at)#>>'{}' as "createdAt",
  (select count(*)::int from identities i where i.team_id = t.id) as "memberCount"`;

export async function listTeams(sql: Sql, orgId: string): Promise<TeamRow[]> {
  return sql<TeamRow[]>`
    select ${sql.unsafe(COLUMNS)} from teams t where t.org_id = ${orgId} order by lower(t.name), t.name`;
}

export async function getTeam(sql: Sql, orgId: string, id: string): Promise<TeamRow | undefined> {
  const [row] = await sql<TeamRow[]>`
    select ${sql.unsafe(COLUMNS)} from teams t where t.org_id = ${orgId} and t.id = ${id}`;
  return row;
}

export async function findTeamByName(sql: Sql, orgId: string, name: string): Promise<TeamRow | undefined> {
  const [row] = await sql<TeamRow[]>`
    select ${sql.unsafe(COLUMNS)} from teams t where t.org_id = ${orgId} and t.name = ${name}`;
  return row;
}

export async function createTeam(sql: Sql, orgId: string, name: string): Promise<TeamRow> {
  const [row] = await duplicateName(
    name,
    () => sql<{ id: string }[]>`
    insert into teams (org_id, name) values (${orgId}, ${name}) returning id`,
  );
  return (await getTeam(sql, orgId, row!.id))!;
}

export async function renameTeam(
  sql: Sql,
  orgId: string,
  id: string,
  name: string,
): Promise<TeamRow | undefined> {
  const rows = await duplicateName(
    name,
    () => sql`
    update teams set name = ${name} where org_id = ${orgId} and id = ${id} returning id`,
  );
  return rows.length ? getTeam(sql, orgId, id) : undefined;
}

/** Deletes the team; its members keep their identity and have no team. */
export async function deleteTeam(sql: Sql, orgId: string, id: string): Promise<boolean> {
  const rows = await sql`delete from teams where org_id = ${orgId} and id = ${id} returning id`;
  return rows.length > 0;
}

async function duplicateName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: string; constraint_name?: string };
    if (e.code === '23505' && e.constraint_name === 'teams_org_id_name_key')
      throw new DuplicateTeamError(`A team named "${name}" already exists in your organisation.`);
    throw err;
  }
}
