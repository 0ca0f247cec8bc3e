// A readable before → after diff of two JSON values (audit entries): the changed leaves by path.

export interface DiffRow {
  /** `name`, `rules[0].criteria.tools`, or '' for a whole value. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** JSON text of each side; absent on the side that has no value. */
  before?: string;
  after?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaves by path; arrays of scalars stay one leaf (`["a","b"]` reads better than two). */
export function flatten(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else if (value !== undefined) {
    out.set(path, JSON.stringify(value));
  }
  return out;
}

/** The leaves that differ, in the order they appear (after's order, then removed ones). */
export function jsonDiff(before: unknown, after: unknown): DiffRow[] {
  const a = flatten(before ?? undefined);
  const b = flatten(after ?? undefined);
  const rows: DiffRow[] = [];
  for (const [path, value] of b) {
    const old = a.get(path);
    if (old === undefined) rows.push({ path, kind: 'added', after: value });
    else if (old !== value) rows.push({ path, kind: 'changed', before: old, after: value });
  }
  for (const [path, value] of a) if (!b.has(path)) rows.push({ path, kind: 'removed', before: value });
  return rows;
}
