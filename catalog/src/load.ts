import { readdirSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { CatalogTool } from './types.ts';
import { catalogProblems, type CatalogSourceEntry } from './validate.ts';

const BUILT_IN_DIR = new URL('../tools/', import.meta.url);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Reads and validates every `*.yaml` in `dir` (file order, then entry order); throws listing every problem. */
export function loadCatalog(dir: URL): readonly CatalogTool[] {
  const entries: CatalogSourceEntry[] = [];
  const problems: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const file of files) {
    const doc = parseDocument(readFileSync(new URL(file, dir), 'utf8'));
    if (doc.errors.length > 0) {
      problems.push(...doc.errors.map((e) => `${file}: ${e.message}`));
      continue;
    }
    const list: unknown = doc.toJS();
    if (!Array.isArray(list)) problems.push(`${file}: must be a YAML list of tools`);
    else entries.push(...list.map((entry: unknown) => ({ file, entry })));
  }
  problems.push(...catalogProblems(entries));
  if (problems.length > 0) {
    throw new Error(
      `The AI tool catalog in ${dir.pathname} is invalid:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
  }
  return deepFreeze(entries.map((e) => e.entry as CatalogTool));
}

let builtIn: readonly CatalogTool[] | undefined;

/** The shipped catalog, read from catalog/tools/*.yaml once and validated; throws naming file, entry and field when invalid. */
export function builtInCatalog(): readonly CatalogTool[] {
  builtIn ??= loadCatalog(BUILT_IN_DIR);
  return builtIn;
}
