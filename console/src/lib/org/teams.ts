// The Teams page's employee query and the local bookkeeping after a write (member counts, a
// deleted team's members), kept pure for tests.
import type { Employee, EmployeesQuery } from '../api/org.ts';
import type { Team } from '../api/policy-types.ts';

export const EMPLOYEES_PAGE_SIZE = 50;

/** '' for every employee, `none` for those without a team, or a team's id. */
export type TeamFilter = string;

export function employeesQuery(
  filter: { search: string; team: TeamFilter },
  cursor: string | null = null,
): EmployeesQuery {
  const search = filter.search.trim();
  return {
    limit: EMPLOYEES_PAGE_SIZE,
    ...(search ? { search } : {}),
    ...(filter.team ? { teamId: filter.team } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** Member counts after one employee moved from one team (or none) to another (or none). */
export function moveMember(teams: readonly Team[], from: string | null, to: string | null): Team[] {
  if (from === to) return [...teams];
  return teams.map((t) =>
    t.id === from
      ? { ...t, memberCount: Math.max(0, t.memberCount - 1) }
      : t.id === to
        ? { ...t, memberCount: t.memberCount + 1 }
        : t,
  );
}

/** Teams by name, case-insensitive, as the API lists them. */
export function sortTeams(teams: readonly Team[]): Team[] {
  return [...teams].sort(
    (a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.name.localeCompare(b.name),
  );
}

/** A team's members keep their place in the list, without a team, once it is deleted. */
export function leaveTeam(employees: readonly Employee[], teamId: string): Employee[] {
  return employees.map((e) => (e.teamId === teamId ? { ...e, teamId: null, teamName: null } : e));
}

/** After a rename, the rows shown carry the new name. */
export function renameIn(employees: readonly Employee[], team: Pick<Team, 'id' | 'name'>): Employee[] {
  return employees.map((e) => (e.teamId === team.id ? { ...e, teamName: team.name } : e));
}
