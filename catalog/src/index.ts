/**
 * @kairro/catalog: the reviewed catalog of AI tools (catalog/tools/*.yaml), its validator, the
 * lookup by page URL and the risk score. See docs/shadow-ai.md.
 */
export * from './risk.ts';
export { builtInCatalog, loadCatalog } from './load.ts';
export { catalogProblems, type CatalogSourceEntry } from './validate.ts';
export { catalogToolForUrl } from './lookup.ts';
export { catalogCoverage, type CatalogCoverage } from './coverage.ts';
