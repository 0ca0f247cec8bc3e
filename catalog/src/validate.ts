import { entryProblems } from './entry-problems.ts';

export interface CatalogSourceEntry {
  /** The file the entry came from, for the messages (e.g. "chat.yaml"). */
  file: string;
  entry: unknown;
}

function entryLabel(entry: unknown, index: number): string {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : `entry #${index + 1}`;
}

/**
 * Every problem of a set of entries: shape, allowed values, sources, dates, duplicate ids and
 * domains across all the entries, URL patterns that do not compile, domains no pattern covers.
 * Each names the file, the entry and the field: "chat.yaml: chatgpt: attributes.sso.source: …".
 */
export function catalogProblems(entries: ReadonlyArray<CatalogSourceEntry>): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  const domains = new Map<string, string>();
  const indexInFile = new Map<string, number>();
  for (const { file, entry } of entries) {
    const index = indexInFile.get(file) ?? 0;
    indexInFile.set(file, index + 1);
    const where = `${file}: ${entryLabel(entry, index)}`;
    entryProblems(entry, (field, message) => problems.push(`${where}: ${field}: ${message}`));

    const { id, domains: hosts } = (entry ?? {}) as { id?: unknown; domains?: unknown };
    if (typeof id === 'string') {
      const first = ids.get(id);
      if (first) problems.push(`${where}: id: duplicate of the entry in ${first}`);
      else ids.set(id, file);
    }
    for (const host of Array.isArray(hosts) ? hosts : []) {
      if (typeof host !== 'string') continue;
      const owner = domains.get(host);
      if (owner) problems.push(`${where}: domains: "${host}" is already claimed by ${owner}`);
      else domains.set(host, where);
    }
  }
  return problems;
}
