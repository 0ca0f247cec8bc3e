import { listEmployees } from '#lib/api/org.ts';
import { listTeams } from '#lib/api/policies.ts';
import { employeesQuery } from '#lib/org/teams.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the page can show its loading state; errors are handled by the page.
  const teams = listTeams(fetch);
  const employees = listEmployees(employeesQuery({ search: '', team: '' }), fetch);
  teams.catch(() => {});
  employees.catch(() => {});
  return { teams, employees };
};
