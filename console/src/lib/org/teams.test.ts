import { describe, expect, it } from 'vitest';
import type { Employee } from '../api/org.ts';
import type { Team } from '../api/policy-types.ts';
import { EMPLOYEES_PAGE_SIZE, employeesQuery, leaveTeam, moveMember, renameIn, sortTeams } from './teams.ts';

const team = (id: string, name: string, memberCount = 0): Team => ({ id, name, memberCount });
const employee = (id: string, teamId: string | null = null, teamName: string | null = null): Employee => ({
  id,
  email: `${id}@example.com`,
  teamId,
  teamName,
  createdAt: '2026-11-01T00:00:00.000Z',
  lastSeenAt: null,
});

describe('employeesQuery', () => {
  it.each([
    ['everyone', { search: '', team: '' }, null, { limit: EMPLOYEES_PAGE_SIZE }],
    ['a trimmed search', { search: '  ana ', team: '' }, null, { limit: EMPLOYEES_PAGE_SIZE, search: 'ana' }],
    [
      'a blank search is none',
      { search: '   ', team: 'none' },
      null,
      { limit: EMPLOYEES_PAGE_SIZE, teamId: 'none' },
    ],
    [
      'a team and the next page',
      { search: 'b', team: 't1' },
      'bob@example.com',
      { limit: EMPLOYEES_PAGE_SIZE, search: 'b', teamId: 't1', cursor: 'bob@example.com' },
    ],
  ])('%s', (_name, filter, cursor, expected) => {
    expect(employeesQuery(filter, cursor)).toEqual(expected);
  });
});

describe('moveMember', () => {
  const teams = [team('t1', 'Finance', 2), team('t2', 'Legal', 0)];

  it.each([
    ['team to team', 't1', 't2', [1, 1]],
    ['no team to a team', null, 't2', [2, 1]],
    ['a team to none', 't1', null, [1, 0]],
    ['nowhere', 't1', 't1', [2, 0]],
    ['an unknown team', 'gone', 't1', [3, 0]],
  ] as const)('%s', (_name, from, to, counts) => {
    expect(moveMember(teams, from, to).map((t) => t.memberCount)).toEqual(counts);
  });

  it('never counts below zero', () => {
    expect(moveMember([team('t', 'T', 0)], 't', null)[0]!.memberCount).toBe(0);
  });
});

describe('sortTeams', () => {
  it('orders by name, case-insensitive', () => {
    const sorted = sortTeams([team('1', 'legal'), team('2', 'Finance'), team('3', 'Engineering')]);
    expect(sorted.map((t) => t.name)).toEqual(['Engineering', 'Finance', 'legal']);
  });
});

describe('leaveTeam and renameIn', () => {
  const rows = [employee('a', 't1', 'Finance'), employee('b', 't2', 'Legal'), employee('c')];

  it('leaves a deleted team’s members without a team', () => {
    expect(leaveTeam(rows, 't1').map((e) => [e.teamId, e.teamName])).toEqual([
      [null, null],
      ['t2', 'Legal'],
      [null, null],
    ]);
  });

  it('shows a renamed team’s new name', () => {
    expect(renameIn(rows, { id: 't2', name: 'Legal & Risk' }).map((e) => e.teamName)).toEqual([
      'Finance',
      'Legal & Risk',
      null,
    ]);
  });
});
