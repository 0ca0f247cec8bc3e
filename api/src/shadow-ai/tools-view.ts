import {
  riskScore,
  type CatalogTool,
  type RiskAttributeName,
  type RiskAttributes,
  type RiskScore,
  type ToolCategory,
} from '@kairro/catalog/risk';
import type { Action, Severity } from '@kairro/core';
import type { AttributeOverrides, CustomToolRow, ToolRow } from '@kairro/postgres';
import { effectiveAttributes, overriddenNames } from './attributes.ts';

/** A tool before the org's overrides and decision: from the catalog, or the org's own. */
export interface BaseTool {
  id: string;
  name: string;
  vendor: string;
  category: ToolCategory;
  domains: string[];
  urlPatterns: string[];
  origin: 'catalog' | 'custom';
  /** Partial for custom tools: missing attributes are unknown. */
  attributes: Partial<RiskAttributes> | AttributeOverrides;
  reviewed: string | null;
}

export interface ShadowDecision {
  status: 'APPROVED' | 'UNAPPROVED';
  action: Action;
  severity: Severity;
  applyPolicies: boolean;
  urlPatterns: string[];
  updatedAt: string;
}

/** The org's view of one AI tool (docs/shadow-ai.md, "Admin API: catalog and decisions"). */
export interface ShadowTool extends Omit<BaseTool, 'attributes'> {
  attributes: RiskAttributes;
  overridden: RiskAttributeName[];
  risk: RiskScore;
  decision: ShadowDecision | null;
}

export const catalogBase = (tool: CatalogTool): BaseTool => ({
  ...tool,
  domains: [...tool.domains],
  urlPatterns: [...tool.urlPatterns],
  origin: 'catalog',
});

export const customBase = (row: CustomToolRow): BaseTool => ({
  id: row.id,
  name: row.name,
  vendor: row.vendor,
  category: row.category as ToolCategory,
  domains: row.domains,
  urlPatterns: row.urlPatterns,
  origin: 'custom',
  attributes: row.attributes,
  reviewed: null,
});

/**
 * A tool the org decided about that is neither in the catalog nor one of its custom tools (a
 * discovered host, a tool made through /v1/admin/tools): its row's name and patterns, nothing known.
 */
export const decidedOnlyBase = (row: Pick<ToolRow, 'id' | 'name' | 'urlPatterns'>): BaseTool => ({
  id: row.id,
  name: row.name,
  vendor: '',
  category: 'other',
  domains: [],
  urlPatterns: row.urlPatterns,
  origin: 'custom',
  attributes: {},
  reviewed: null,
});

/** A discovered host before any decision: its own name, every page of the host. */
export const hostBase = (host: string): BaseTool =>
  decidedOnlyBase({ id: host, name: host, urlPatterns: [`https://${host}/*`] });

export function shadowTool(
  base: BaseTool,
  overrides: AttributeOverrides,
  row: ToolRow | undefined,
): ShadowTool {
  const attributes = effectiveAttributes(base.attributes, overrides);
  return {
    ...base,
    attributes,
    overridden: overriddenNames(overrides),
    risk: riskScore(attributes),
    decision: row
      ? {
          status: row.status,
          action: row.action,
          severity: row.severity,
          applyPolicies: row.applyPolicies,
          urlPatterns: row.urlPatterns,
          updatedAt: row.updatedAt,
        }
      : null,
  };
}

export interface OrgToolState {
  catalog: readonly CatalogTool[];
  custom: CustomToolRow[];
  overrides: Map<string, AttributeOverrides>;
  /** The org's ai_tools rows. */
  decisions: ToolRow[];
}

/** Every catalog tool, the org's custom tools and its other decided tools, by name. */
export function shadowTools(state: OrgToolState): ShadowTool[] {
  const bases = new Map<string, BaseTool>();
  for (const tool of state.catalog) bases.set(tool.id, catalogBase(tool));
  for (const row of state.custom) if (!bases.has(row.id)) bases.set(row.id, customBase(row));
  for (const row of state.decisions) if (!bases.has(row.id)) bases.set(row.id, decidedOnlyBase(row));
  const decisions = new Map(state.decisions.map((row) => [row.id, row]));
  return [...bases.values()]
    .map((base) => shadowTool(base, state.overrides.get(base.id) ?? {}, decisions.get(base.id)))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id));
}
