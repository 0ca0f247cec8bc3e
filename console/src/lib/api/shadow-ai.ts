// Typed client for the Shadow AI admin API (`/v1/admin/shadow-ai/*`; api/src/routes/shadow-ai-*.ts):
// the org's view of the AI tool catalog with its decisions and overrides, and what was seen in use.
import type { RiskAttributeName, RiskAttributes, RiskScore, ToolCategory } from '@kairro/catalog/risk';
import { request } from './client.ts';
import type { Action, Severity } from './types.ts';

type Fetch = typeof fetch;

export type DecisionStatus = 'APPROVED' | 'UNAPPROVED';

/** The org's `ai_tools` row for the tool: what the extension enforces. */
export interface ToolDecision {
  status: DecisionStatus;
  action: Action;
  severity: Severity;
  applyPolicies: boolean;
  urlPatterns: string[];
  updatedAt: string;
}

export interface ShadowTool {
  /** A catalog id, an org custom tool's id, or a discovered host. */
  id: string;
  name: string;
  vendor: string;
  category: ToolCategory;
  domains: string[];
  urlPatterns: string[];
  origin: 'catalog' | 'custom';
  /** Effective: the catalog's, with the org's overrides applied. */
  attributes: RiskAttributes;
  overridden: RiskAttributeName[];
  risk: RiskScore;
  reviewed: string | null;
  decision: ToolDecision | null;
}

export type DecisionInput =
  | { status: 'APPROVED'; applyPolicies?: boolean; urlPatterns?: string[] }
  | { status: 'UNAPPROVED'; action: Action; severity?: Severity; urlPatterns?: string[] };

export interface AttributeOverride {
  value: string;
  source?: string;
  note?: string;
  regions?: string[];
}
export type AttributeOverrides = Partial<Record<RiskAttributeName, AttributeOverride>>;

/** `POST /tools`: the org's own tool; the attributes not given are unknown. */
export interface CustomToolInput {
  id: string;
  name: string;
  vendor?: string;
  category: ToolCategory;
  domains: string[];
  urlPatterns: string[];
  attributes?: AttributeOverrides;
}

export interface UsageCounts {
  firstSeen: string;
  lastSeen: string;
  users: number;
  events: number;
  blocked: number;
  warned: number;
  /** DLP findings on the tool's prompts in the range. */
  findings: number;
}

export interface InventoryRow extends UsageCounts {
  tool: string;
  /** The catalog's or the org's tool's category, '' for a discovered host. */
  category: string;
}

export interface TrendDay {
  /** The day (UTC), as the API writes it: `YYYY-MM-DD` or an ISO time. */
  day: string;
  events: number;
  users: number;
  blocked?: number;
  warned?: number;
}

export interface Inventory {
  tools: InventoryRow[];
  trend: TrendDay[];
  totals: { tools: number; users: number; events: number };
}

export interface ShadowEvent {
  id: string;
  occurredAt: string;
  tool: string;
  urlHost: string;
  category: string;
  userEmail: string;
  team: string;
  endpointId: string;
  action: Action;
  severity: string;
  source: string;
  detail: string;
}

/** `GET /inventory/:tool`; `users` is the top 100 by events. */
export interface ToolUsageDetail extends Omit<UsageCounts, 'users' | 'firstSeen' | 'lastSeen'> {
  tool: string;
  /** Null when the tool was not seen in the range. */
  firstSeen: string | null;
  lastSeen: string | null;
  trend: TrendDay[];
  users: Array<{ user_email: string; team: string; events: number; lastSeen: string }>;
  recent: ShadowEvent[];
}

export type UsageBy = 'user' | 'team';

/** `GET /users`: a user (with its email) or a team, and the tools it used, by events. */
export interface UsageByRow {
  user_email?: string;
  team: string;
  events: number;
  tools: Array<{ tool: string; events: number; lastSeen: string }>;
}

export interface DiscoveredHost {
  host: string;
  firstSeen: string;
  lastSeen: string;
  users: number;
  events: number;
  sources: string[];
  lastDetail: string;
}

const tool = (id: string) => `/shadow-ai/tools/${encodeURIComponent(id)}`;

// --- catalog and decisions ---------------------------------------------------------------------

export async function listShadowTools(fetcher?: Fetch): Promise<ShadowTool[]> {
  return (await request<{ tools: ShadowTool[] }>('/shadow-ai/tools', { fetch: fetcher })).tools;
}

/** The tool, or null when the id is neither in the catalog nor the org's (a discovered host). */
export async function getShadowTool(id: string, fetcher?: Fetch): Promise<ShadowTool | null> {
  try {
    return await request<ShadowTool>(tool(id), { fetch: fetcher });
  } catch (error) {
    if (error instanceof Error && 'status' in error && error.status === 404) return null;
    throw error;
  }
}

export function putDecision(id: string, input: DecisionInput): Promise<ShadowTool> {
  return request<ShadowTool>(`${tool(id)}/decision`, { method: 'PUT', body: input });
}

export function clearDecision(id: string): Promise<void> {
  return request<void>(`${tool(id)}/decision`, { method: 'DELETE' });
}

/** Replaces all of the org's overrides of the tool (`{}` clears them). */
export function putOverrides(id: string, overrides: AttributeOverrides): Promise<ShadowTool> {
  return request<ShadowTool>(`${tool(id)}/attributes`, { method: 'PUT', body: { overrides } });
}

/** 409 when the id is a catalog tool's or already the org's. */
export function createCustomTool(input: CustomToolInput): Promise<ShadowTool> {
  return request<ShadowTool>('/shadow-ai/tools', { method: 'POST', body: input });
}

/** Custom tools only; 409 while the tool has a decision. */
export function deleteCustomTool(id: string): Promise<void> {
  return request<void>(tool(id), { method: 'DELETE' });
}

const dismissal = (host: string) => `/shadow-ai/discovered/${encodeURIComponent(host)}/dismiss`;

export function dismissHost(host: string): Promise<void> {
  return request<void>(dismissal(host), { method: 'POST' });
}

/** Shows a dismissed host in the discovered queue again. */
export function restoreHost(host: string): Promise<void> {
  return request<void>(dismissal(host), { method: 'DELETE' });
}

/** The hosts the org dismissed, sorted. */
export async function dismissedHosts(fetcher?: Fetch): Promise<string[]> {
  return (await request<{ hosts: string[] }>('/shadow-ai/dismissed', { fetch: fetcher })).hosts;
}

// --- usage -------------------------------------------------------------------------------------

/** The inventory's filters: a tool category and the org's decision (approved, unapproved, unreviewed). */
export interface InventoryQuery {
  category: string | null;
  status: string | null;
}

/** With filters, the tools, trend and totals are those of the tools that pass them. */
export function shadowInventory(hours: number, filters: InventoryQuery, fetcher?: Fetch): Promise<Inventory> {
  const { category, status } = filters;
  return request<Inventory>('/shadow-ai/inventory', { query: { hours, category, status }, fetch: fetcher });
}

export function toolUsage(id: string, hours: number, fetcher?: Fetch): Promise<ToolUsageDetail> {
  return request<ToolUsageDetail>(`/shadow-ai/inventory/${encodeURIComponent(id)}`, {
    query: { hours },
    fetch: fetcher,
  });
}

/** Who used which tools: the top 100 users (or teams) by events, each with its tools by events. */
export async function usageBy(by: UsageBy, hours: number, fetcher?: Fetch): Promise<UsageByRow[]> {
  const body = await request<{ rows: UsageByRow[] }>('/shadow-ai/users', {
    query: { by, hours },
    fetch: fetcher,
  });
  return body.rows;
}

export async function discoveredHosts(hours: number, fetcher?: Fetch): Promise<DiscoveredHost[]> {
  const body = await request<{ hosts: DiscoveredHost[] }>('/shadow-ai/discovered', {
    query: { hours },
    fetch: fetcher,
  });
  return body.hosts;
}

/** The filtered inventory table as CSV, for a download link (same origin, the session cookie goes along). */
export function inventoryCsvUrl(hours: number, { category, status }: InventoryQuery): string {
  const params = new URLSearchParams({ hours: String(hours), format: 'csv' });
  if (category) params.set('category', category);
  if (status) params.set('status', status);
  return `/v1/admin/shadow-ai/inventory?${params}`;
}
