// Typed client for policy management: policies, YAML import/export, simulation, explain, the
// audit log, and the org's tools, teams and identities the editor picks from.
import { request } from './client.ts';
import type {
  AuditPage,
  ExplainRequest,
  ExplainResult,
  Identity,
  ImportResult,
  Policy,
  PolicyInput,
  SimulationResult,
  Team,
  Tool,
} from './policy-types.ts';

type Fetch = typeof fetch;
const path = (id: string) => `/policies/${encodeURIComponent(id)}`;

export async function listPolicies(fetcher?: Fetch): Promise<Policy[]> {
  return (await request<{ policies: Policy[] }>('/policies', { fetch: fetcher })).policies;
}

export function getPolicy(id: string, fetcher?: Fetch): Promise<Policy> {
  return request<Policy>(path(id), { fetch: fetcher });
}

export function createPolicy(input: PolicyInput): Promise<Policy> {
  return request<Policy>('/policies', { method: 'POST', body: input });
}

export function updatePolicy(id: string, input: Partial<PolicyInput>): Promise<Policy> {
  return request<Policy>(path(id), { method: 'PATCH', body: input });
}

export function deletePolicy(id: string): Promise<void> {
  return request<void>(path(id), { method: 'DELETE' });
}

/** Where the browser downloads every policy as YAML (an attachment). */
export const EXPORT_URL = '/v1/admin/policies/export';

/** All or nothing; with `dryRun` nothing is written and the answer says what would be. */
export function importPolicies(yaml: string, dryRun: boolean): Promise<ImportResult> {
  return request<ImportResult>('/policies/import', {
    method: 'POST',
    query: { dryRun: dryRun ? 'true' : undefined },
    raw: { body: yaml, contentType: 'application/yaml' },
  });
}

/** What a saved policy would have changed over the org's last `days` of events. */
export function simulatePolicy(id: string, days: number): Promise<SimulationResult> {
  return request<SimulationResult>(`${path(id)}/simulate`, { method: 'POST', body: { days } });
}

/** The same for an unsaved policy (the editor's current form). */
export function simulateDraft(
  policy: PolicyInput,
  days: number,
  policyId?: string,
): Promise<SimulationResult> {
  return request<SimulationResult>('/policies/simulate', {
    method: 'POST',
    body: { policy, days, ...(policyId ? { policyId } : {}) },
  });
}

export function explain(input: ExplainRequest): Promise<ExplainResult> {
  return request<ExplainResult>('/policies/explain', { method: 'POST', body: input });
}

export function listAudit(
  query: { cursor?: string | null; limit?: number; entityType?: string; entityId?: string } = {},
  fetcher?: Fetch,
): Promise<AuditPage> {
  return request<AuditPage>('/audit', { query: { limit: 25, ...query }, fetch: fetcher });
}

export async function listTools(fetcher?: Fetch): Promise<Tool[]> {
  return (await request<{ tools: Tool[] }>('/tools', { fetch: fetcher })).tools;
}

export async function listTeams(fetcher?: Fetch): Promise<Team[]> {
  return (await request<{ teams: Team[] }>('/teams', { fetch: fetcher })).teams;
}

/** The first `limit` identities by email (the pickers offer these; a longer list is searched). */
export async function listIdentities(
  query: { search?: string; limit?: number } = {},
  fetcher?: Fetch,
): Promise<Identity[]> {
  const res = await request<{ identities: Identity[]; nextCursor: string | null }>('/identities', {
    query: { limit: 500, ...query },
    fetch: fetcher,
  });
  return res.identities;
}
