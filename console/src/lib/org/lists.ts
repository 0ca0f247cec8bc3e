// Keeping a list shown on a page in step with the API's answers, by id.

/** The next page after the rows already shown (a row shown twice would break keyed lists). */
export function appendById<T extends { id: string }>(shown: readonly T[], next: readonly T[]): T[] {
  const seen = new Set(shown.map((x) => x.id));
  return [...shown, ...next.filter((x) => !seen.has(x.id))];
}

/** The row the API answered in place of the one with its id. */
export function replaceById<T extends { id: string }>(list: readonly T[], row: T): T[] {
  return list.map((x) => (x.id === row.id ? row : x));
}
