import { matchesUrlPattern } from '@kairro/core';
import type { CatalogTool } from './types.ts';

/** The catalog tool whose URL patterns match the page, or null (the first in catalog order wins). */
export function catalogToolForUrl(url: URL, tools: readonly CatalogTool[]): CatalogTool | null {
  return tools.find((tool) => tool.urlPatterns.some((p) => matchesUrlPattern(p, url))) ?? null;
}
