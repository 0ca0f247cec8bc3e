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

/**
 * One regex per word list, run on the short windows only (never over a whole text): a word that
 * starts a word (not after a letter, digit, `@` or `.`) and is not inside a host name, since
 * "example" in `jane@example.com` says nothing about the value next to it. Measured faster than
 * one `indexOf` per word for the ~40 phone words.
 */
const compiled = new WeakMap<readonly string[], RegExp>();

function wordsPattern(words: readonly string[]): RegExp {
  let re = compiled.get(words);
  if (!re) {
    const alternatives = [...words]
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`(?<![a-z0-9@.])(?:${alternatives.join('|')})(?![a-z0-9-]*\\.[a-z])`);
    compiled.set(words, re);
  }
  return re;
}

/** The first of `words` within `window` units before or after the finding, if any. */
export function wordNear(s: Surroundings, words: readonly string[], window: number): string | undefined {
  const before = s.before.length > window ? s.before.slice(s.before.length - window) : s.before;
  const after = s.after.length > window ? s.after.slice(0, window) : s.after;
  const re = wordsPattern(words);
  return (re.exec(before) ?? re.exec(after))?.[0];
}
