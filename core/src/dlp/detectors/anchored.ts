/**
 * Runs a pattern only where it can start. Patterns like the email or `password = …` ones begin
 * with a character class that matches at almost every letter, so V8 tries them at every position
 * (measured: ten times slower than the other rules). Their anchor (`@`, a secret word) is rare,
 * and the pattern's leading lookbehind forbids starting inside a run of its own characters, so the
 * only start worth trying is the beginning of the run that reaches the anchor. This finds that
 * start by walking back from each anchor and tries the pattern there once, with the same result
 * as scanning with it. A `value` group, when the pattern has one, is what is reported.
 * `accepts`, when given, skips anchors cheaply known not to be part of a match.
 */
export function anchoredMatcher(
  pattern: RegExp,
  anchor: string | RegExp,
  inRun: (code: number) => boolean,
  maxBack: number,
  accepts?: (text: string, anchorAt: number) => boolean,
): (text: string) => Array<readonly [number, number]> {
  const sticky = new RegExp(pattern.source, pattern.flags.replace(/[gyd]/g, '') + 'y');
  const finder =
    typeof anchor === 'string' ? null : new RegExp(anchor.source, anchor.flags.replace('g', '') + 'g');
  const next = (text: string, from: number): number => {
    if (!finder) return text.indexOf(anchor as string, from);
    finder.lastIndex = from;
    return finder.exec(text)?.index ?? -1;
  };
  return (text) => {
    const out: Array<readonly [number, number]> = [];
    let failedAt = -1;
    let lastEnd = 0;
    for (let a = next(text, 0); a >= 0; a = next(text, a + 1)) {
      if (accepts && !accepts(text, a)) continue;
      let s = a;
      while (s > 0 && a - s <= maxBack && inRun(text.charCodeAt(s - 1))) s--;
      // Inside the previous match or a run already tried: the lookbehind rules out any new start.
      if (s === failedAt || s < lastEnd) continue;
      sticky.lastIndex = s;
      const m = sticky.exec(text);
      if (!m) {
        failedAt = s;
        continue;
      }
      lastEnd = s + m[0].length;
      // A `value` group ends the match (types.ts).
      const value = m.groups?.['value'];
      out.push([value === undefined ? s : lastEnd - value.length, lastEnd]);
      a = lastEnd - 1;
    }
    return out;
  };
}

const between = (c: number, lo: number, hi: number): boolean => c >= lo && c <= hi;
const isWord = (c: number): boolean =>
  between(c, 48, 57) || between(c, 65, 90) || between(c, 97, 122) || c === 95;

/** Characters of an email local part: letters, digits and `._%+-`. */
export const inLocalPart = (c: number): boolean => isWord(c) || c === 46 || c === 37 || c === 43 || c === 45;

/** Characters of a variable name such as `db.api_key-old`: word characters, `.` and `-`. */
export const inName = (c: number): boolean => isWord(c) || c === 46 || c === 45;

/** Characters of an IPv6 address: hex digits and `:`. */
export const inIpv6 = (c: number): boolean => between(c, 48, 58) || between(c, 65, 70) || between(c, 97, 102);
