// Typed client for the org's scopes and tool classification: teams, employees (identities) and AI
// tools (`/v1/admin/teams`, `/identities`, `/tools`; api/src/routes/teams.ts and tools.ts). The
// plain lists the policy editor picks from stay in policies.ts.
import { request } from './client.ts';
import type { Identity, Team, Tool } from './policy-types.ts';
import type { Action, Severity } from './types.ts';

type Fetch = typeof fetch;

// --- teams -------------------------------------------------------------------------------------------

export function createTeam(name: string): Promise<Team> {
  return request<Team>('/teams', { method: 'POST', body: { name } });
}

export function renameTeam(id: string, name: string): Promise<Team> {
  return request<Team>(`/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

/** Members stay, without a team; 409 while a policy is scoped to the team. */
export function deleteTeam(id: string): Promise<void> {
  return request<void>(`/teams/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

// --- employees ---------------------------------------------------------------------------------------

export interface Employee extends Identity {
  createdAt: string;
  /** When the extension last spoke for them; null if never since registration. */
  lastSeenAt: string | null;
}

export interface EmployeesPage {
  /** By email. */
  identities: Employee[];
  nextCursor: string | null;
}

export interface EmployeesQuery {
  /** Part of the email. */
  search?: string;
  /** A team's id, or `none` for employees without a team. */
  teamId?: string;
  limit?: number;
  cursor?: string | null;
}

export function listEmployees(query: EmployeesQuery = {}, fetcher?: Fetch): Promise<EmployeesPage> {
  return request<EmployeesPage>('/identities', { query: { ...query }, fetch: fetcher });
}

/** Puts an employee in a team, or in none (`null`). */
export function setEmployeeTeam(id: string, teamId: string | null): Promise<Employee> {
  return request<Employee>(`/identities/${encodeURIComponent(id)}`, { method: 'PATCH', body: { teamId } });
}

// --- tools -------------------------------------------------------------------------------------------

/** `POST /v1/admin/tools`: action and severity only matter for unapproved tools. */
export interface ToolInput {
  id: string;
  name: string;
  status: Tool['status'];
  urlPatterns: string[];
  applyPolicies?: boolean;
  action?: Action;
  severity?: Severity;
}

/** `PATCH /v1/admin/tools/{id}`: any fields but the id, which never changes. */
export type ToolPatch = Partial<Omit<ToolInput, 'id'>>;

export function createTool(input: ToolInput): Promise<Tool> {
  return request<Tool>('/tools', { method: 'POST', body: input });
}

export function updateTool(id: string, patch: ToolPatch): Promise<Tool> {
  return request<Tool>(`/tools/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

/** 409 while a policy rule names the tool. */
export function deleteTool(id: string): Promise<void> {
  return request<void>(`/tools/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
