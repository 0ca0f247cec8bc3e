import type { CatalogTool } from '@kairro/catalog/risk';
import {
  getAttributeOverrides,
  getCustomTool,
  getTool,
  listAttributeOverrides,
  listCustomTools,
  listTools,
  type Sql,
} from '@kairro/postgres';
import {
  catalogBase,
  customBase,
  decidedOnlyBase,
  shadowTool,
  shadowTools,
  type BaseTool,
  type ShadowTool,
} from './tools-view.ts';

/** Reads the org's overrides, custom tools and decisions and merges them with the catalog. */
export async function loadShadowTools(
  sql: Sql,
  orgId: string,
  catalog: readonly CatalogTool[],
): Promise<ShadowTool[]> {
  const [custom, overrides, decisions] = await Promise.all([
    listCustomTools(sql, orgId),
    listAttributeOverrides(sql, orgId),
    listTools(sql, orgId),
  ]);
  return shadowTools({ catalog, custom, overrides, decisions });
}

/**
 * The tool `id` before the org's overrides: a catalog tool, the org's custom tool, or a tool only
 * the org's ai_tools know; undefined when it is none of them.
 */
export async function findBaseTool(
  sql: Sql,
  orgId: string,
  catalogById: ReadonlyMap<string, CatalogTool>,
  id: string,
): Promise<BaseTool | undefined> {
  const fromCatalog = catalogById.get(id);
  if (fromCatalog) return catalogBase(fromCatalog);
  const custom = await getCustomTool(sql, orgId, id);
  if (custom) return customBase(custom);
  const row = await getTool(sql, orgId, id);
  return row ? decidedOnlyBase(row) : undefined;
}

/** One tool as the org sees it; undefined when `id` is unknown to the org. */
export async function loadShadowTool(
  sql: Sql,
  orgId: string,
  catalogById: ReadonlyMap<string, CatalogTool>,
  id: string,
): Promise<ShadowTool | undefined> {
  const base = await findBaseTool(sql, orgId, catalogById, id);
  if (!base) return undefined;
  const [overrides, row] = await Promise.all([
    getAttributeOverrides(sql, orgId, id),
    getTool(sql, orgId, id),
  ]);
  return shadowTool(base, overrides, row);
}
