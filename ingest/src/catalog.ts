import { createHash } from 'node:crypto';
import { builtInCatalog, catalogToolForUrl, type CatalogTool } from '@kairro/catalog';
import type { ToolConfig } from '@kairro/core';

/** What ingest needs of the AI tool catalog (`@kairro/catalog`): lookups by page and by id. */
export interface ToolCatalog {
  /** The catalog tool whose URL patterns match the page, or null. */
  toolForUrl(url: URL): { id: string; category: string } | null;
  /** The category of the catalog tool with this id; '' when the id is not in the catalog. */
  categoryOf(id: string): string;
  /**
   * Catalog tools in none of the org's lists (by id), in catalog order: the extension's watch list.
   * AI features of broader products are left out: a visit there is not AI use.
   */
  watchedTools(orgTools: readonly Pick<ToolConfig, 'id'>[]): WatchedTool[];
  /** Short hash of the catalog; part of the policy document's version. */
  fingerprint: string;
}

export interface WatchedTool {
  id: string;
  name: string;
  urlPatterns: string[];
}

let shipped: ToolCatalog | undefined;

/** The shipped catalog (static per build), read and indexed once per thread. */
export function shippedCatalog(): ToolCatalog {
  shipped ??= toolCatalog(builtInCatalog());
  return shipped;
}

export function toolCatalog(tools: readonly CatalogTool[]): ToolCatalog {
  const byId = new Map(tools.map((t) => [t.id, t]));
  const watchable = tools
    .filter((t) => !t.aiFeature)
    .map(({ id, name, urlPatterns }) => ({ id, name, urlPatterns: [...urlPatterns] }));
  return {
    toolForUrl(url) {
      const tool = catalogToolForUrl(url, tools);
      return tool && { id: tool.id, category: tool.category };
    },
    categoryOf: (id) => byId.get(id)?.category ?? '',
    watchedTools(orgTools) {
      const listed = new Set(orgTools.map((t) => t.id));
      return watchable.filter((t) => !listed.has(t.id));
    },
    fingerprint: createHash('sha256').update(JSON.stringify(tools)).digest('hex').slice(0, 16),
  };
}
