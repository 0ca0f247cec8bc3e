import type { ConsumedRecord } from '@kairro/stream';

/**
 * The record's JSON text when ClickHouse can take it as it is: JSONEachRow is one row per line, and
 * text from another producer may be pretty-printed (chDB 26.7 reads such rows too, but the format
 * does not promise it).
 */
export const jsonLine = (record: ConsumedRecord): string | undefined =>
  record.json !== undefined && !record.json.includes('\n') ? record.json : undefined;

/**
 * The fields `names` of a JSON object's top level that hold strings, read from its text without
 * parsing the rest: the writer checks every record's ids, and parsing a whole record for that costs
 * about what inserting its text instead of its value saves. Of a repeated key the first counts (the
 * scan ends once every name was seen): ClickHouse's JSONEachRow refuses such a row, or keeps the
 * first when it already has every column, while JSON.parse keeps the last. The text must be valid
 * JSON (the stream checked it). Null when it is not an object; undefined when a key holds an escape
 * (it may spell a wanted name): the caller then parses.
 */
export function topLevelStrings(
  json: string,
  names: readonly string[],
): Map<string, string> | null | undefined {
  const fields = new Map<string, string>();
  let i = skipSpace(json, 0);
  if (json.charCodeAt(i) !== OPEN_BRACE) return null;
  const seen = new Set<string>();
  i = skipSpace(json, i + 1);
  while (seen.size < names.length && json.charCodeAt(i) === QUOTE) {
    const keyEnd = stringEnd(json, i);
    if (hasBackslash(json, i + 1, keyEnd - 1)) return undefined;
    const name = names.find((n) => n.length === keyEnd - i - 2 && json.startsWith(n, i + 1));
    const start = skipSpace(json, skipSpace(json, keyEnd) + 1); // past the colon
    const end = valueEnd(json, start);
    if (name !== undefined && !seen.has(name)) {
      seen.add(name);
      if (json.charCodeAt(start) === QUOTE) fields.set(name, stringValue(json, start, end));
    }
    i = skipSpace(json, end);
    if (json.charCodeAt(i) !== COMMA) break;
    i = skipSpace(json, i + 1);
  }
  return fields;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(json: string, i: number): number {
  while (i < json.length && isSpace(json.charCodeAt(i))) i++;
  return i;
}

function hasBackslash(json: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (json.charCodeAt(j) === BACKSLASH) return true;
  return false;
}

/** The index after the string literal that starts at `i`. */
function stringEnd(json: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = json.indexOf('"', from);
    if (quote === -1) return json.length;
    let backslashes = 0;
    while (json.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The index after the value that starts at `i`. */
function valueEnd(json: string, i: number): number {
  const c = json.charCodeAt(i);
  if (c === QUOTE) return stringEnd(json, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    for (let j = i; j < json.length; j++) {
      const d = json.charCodeAt(j);
      if (d === QUOTE) j = stringEnd(json, j) - 1;
      else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return j + 1;
    }
    return json.length;
  }
  // A number, true, false or null: up to the next separator.
  let j = i;
  for (; j < json.length; j++) {
    const d = json.charCodeAt(j);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
  }
  return j;
}

function stringValue(json: string, start: number, end: number): string {
  const inner = json.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(json.slice(start, end)) as string) : inner;
}
