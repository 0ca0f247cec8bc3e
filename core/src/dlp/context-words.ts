/**
 * The text either side of a finding, lower-cased and cut at line breaks: in code, logs and tables
 * the words that speak about a value sit on its line, and the next line is usually about
 * something else. Taken once per finding at the widest window its hints use.
 */
export interface Surroundings {
  before: string;
  after: string;
}

export function surroundings(text: string, start: number, end: number, window: number): Surroundings {
  let before = text.slice(Math.max(0, start - window), start);
  let after = text.slice(end, Math.min(text.length, end + window));
  const nl = before.lastIndexOf('\n');
  if (nl >= 0) before = before.slice(nl + 1);
  const nl2 = after.indexOf('\n');
  if (nl2 >= 0) after = after.slice(0, nl2);
  return { before: before.toLowerCase(), after: after.toLowerCase() };
}

const isAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const HOST_CONTINUES = /^[a-z0-9-]*\.[a-z]/;

/**
 * `word` starting a word in `near` and not inside a host name or address: "example" in
 * `jane@example.com` says nothing about the value next to it.
 */
function mentions(near: string, word: string): boolean {
  for (let i = near.indexOf(word); i >= 0; i = near.indexOf(word, i + 1)) {
    const prev = i > 0 ? near.charCodeAt(i - 1) : 32;
    if (isAlnum(prev) || prev === 64 /* @ */ || prev === 46 /* . */) continue;
    if (!HOST_CONTINUES.test(near.slice(i + word.length, i + word.length + 64))) return true;
  }
  return false;
}

/** The first of `words` within `window` units before or after the finding, if any. */
export function wordNear(s: Surroundings, words: readonly string[], window: number): string | undefined {
  const before = s.before.length > window ? s.before.slice(s.before.length - window) : s.before;
  const after = s.after.length > window ? s.after.slice(0, window) : s.after;
  return words.find((w) => mentions(before, w) || mentions(after, w));
}
