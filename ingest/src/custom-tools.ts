import { matchesUrlPattern, type ToolConfig } from '@kairro/core';
import type { CustomToolPatterns } from '@kairro/postgres';
import type { ToolCatalog, WatchedTool } from './catalog.ts';

/**
 * The org's custom AI tools in detection. Their ids never equal a catalog id (the admin API
 * refuses one), so a tool id names at most one of the two.
 */

/** The org's custom tool whose URL patterns match the page (the first by name), or null. */
export function customToolForUrl(
  url: URL,
  customTools: readonly CustomToolPatterns[],
): { id: string; category: string } | null {
  const tool = customTools.find((t) => t.urlPatterns.some((p) => matchesUrlPattern(p, url)));
  return tool ? { id: tool.id, category: tool.category } : null;
}

/** The category of a tool id: the catalog's, else the org's custom tool's, else ''. */
export function toolCategory(
  id: string,
  customTools: readonly CustomToolPatterns[],
  catalog: ToolCatalog,
): string {
  return catalog.categoryOf(id) || (customTools.find((t) => t.id === id)?.category ?? '');
}

/** Custom tools in none of the org's lists (by id), by name: watched before the catalog's. */
export function watchedCustomTools(
  customTools: readonly CustomToolPatterns[],
  orgTools: readonly Pick<ToolConfig, 'id'>[],
): WatchedTool[] {
  const listed = new Set(orgTools.map((t) => t.id));
  return customTools
    .filter((t) => !listed.has(t.id) && t.urlPatterns.length > 0)
    .map(({ id, name, urlPatterns }) => ({ id, name, urlPatterns: [...urlPatterns] }));
}
