// Pure helpers of the "Who uses what" page: the grouping in the URL and the rows the table shows.
import type { ShadowTool, UsageBy, UsageByRow } from '../api/shadow-ai.ts';

export const GROUPINGS = [
  { key: 'user', label: 'By user' },
  { key: 'team', label: 'By team' },
] as const satisfies ReadonlyArray<{ key: UsageBy; label: string }>;

export function parseBy(value: string | null): UsageBy {
  return value === 'team' ? 'team' : 'user';
}

/** The page's query: the range, and the grouping unless it is the default (by user). */
export function peopleQuery(range: string, by: UsageBy): string {
  const params = new URLSearchParams({ range });
  if (by !== 'user') params.set('by', by);
  return params.toString();
}

export interface ToolChip {
  id: string;
  /** The tool's name, or its id when the catalog does not know it (a discovered host). */
  name: string;
  events: number;
}

export interface PeopleRow {
  /** The email, or the team when grouped by team. */
  key: string;
  email: string | null;
  /** '' for people in no team. */
  team: string;
  events: number;
  tools: ToolChip[];
}

/** The API's rows with each tool named from the org's tools (its ids when they could not be read). */
export function peopleRows(rows: readonly UsageByRow[], tools: readonly ShadowTool[] | null): PeopleRow[] {
  const names = new Map((tools ?? []).map((t) => [t.id, t.name]));
  return rows.map((r) => ({
    key: r.user_email ?? r.team,
    email: r.user_email ?? null,
    team: r.team,
    events: r.events,
    tools: r.tools.map((t) => ({ id: t.tool, name: names.get(t.tool) ?? t.tool, events: t.events })),
  }));
}
