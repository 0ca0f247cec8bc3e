import {
  aadhaarValid,
  abaValid,
  ibanValid,
  luhnValid,
  nhsValid,
  ssnValid,
  type Detector,
} from '@kairro/core';
import type { CustomDetectorRow } from '@kairro/postgres';
import { RE2JS, RE2JSException } from 're2js';

/**
 * Org-defined detectors run on RE2 (re2js: linear time in the text, no backtracking), so no
 * pattern an admin saves can stall an evaluation. The admin API validates with the same function
 * ingest compiles with, so what the API accepts is exactly what ingest runs.
 */

export const MAX_PATTERN_LENGTH = 1_000;
export const MAX_ALTERNATIONS = 50;
/** `(a+)+` is depth 2; `((a+)+)+` is refused. */
export const MAX_REPEAT_NESTING = 2;
/** Compiled RE2 program size (instructions); bounds memory and the lazy DFA's work. */
export const MAX_PROGRAM_SIZE = 2_000;

/** Value checks an org detector can ask for; the matched text must pass to count. */
export const CUSTOM_VALIDATORS = {
  none: undefined,
  luhn: (value: string) => luhnValid(value.replace(/[\s-]/g, '')),
  us_ssn: (value: string) => ssnValid(value.replace(/[\s-]/g, '')),
  iban: (value: string) => ibanValid(value.replace(/[\s-]/g, '').toUpperCase()),
  aba_routing: (value: string) => abaValid(value.replace(/[\s-]/g, '')),
  uk_nhs: (value: string) => nhsValid(value.replace(/[\s-]/g, '')),
  in_aadhaar: (value: string) => aadhaarValid(value.replace(/[\s-]/g, '')),
} as const satisfies Record<string, ((value: string) => boolean) | undefined>;
export type CustomValidator = keyof typeof CUSTOM_VALIDATORS;
export const CUSTOM_VALIDATOR_NAMES = Object.keys(CUSTOM_VALIDATORS) as CustomValidator[];

export type PatternCheck = { ok: true; regex: RE2JS } | { ok: false; message: string };

/**
 * Compiles an RE2 pattern or says, in one sentence an admin can act on, why it is refused:
 * invalid syntax, too long, too many alternatives, nested repetition, a program too large, or a
 * pattern that can match the empty string (it would report nothing useful, everywhere).
 */
export function compileCustomPattern(pattern: string, flags: { caseInsensitive: boolean }): PatternCheck {
  if (pattern.length === 0) return { ok: false, message: 'The pattern is empty.' };
  if (pattern.length > MAX_PATTERN_LENGTH)
    return {
      ok: false,
      message: `The pattern is ${pattern.length} characters; the limit is ${MAX_PATTERN_LENGTH}.`,
    };
  const shape = patternShape(pattern);
  if (shape.alternations > MAX_ALTERNATIONS)
    return {
      ok: false,
      message: `The pattern has ${shape.alternations} alternations (|); the limit is ${MAX_ALTERNATIONS}. Split it into several detectors.`,
    };
  if (shape.repeatNesting > MAX_REPEAT_NESTING)
    return {
      ok: false,
      message: `The pattern nests repetition ${shape.repeatNesting} deep (like ((a+)+)+); the limit is ${MAX_REPEAT_NESTING}.`,
    };
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(pattern, flags.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    // re2js prefixes the flags it applied ("(?i)"); the admin wrote neither.
    const detail = err.message.replace('`(?i)', '`');
    return {
      ok: false,
      message: `Invalid RE2 syntax: ${detail}. Lookaheads and backreferences are not supported.`,
    };
  }
  if (regex.programSize() > MAX_PROGRAM_SIZE)
    return {
      ok: false,
      message: `The pattern compiles to ${regex.programSize()} instructions; the limit is ${MAX_PROGRAM_SIZE}. Use smaller repeat counts.`,
    };
  if (matchesEmpty(regex))
    return {
      ok: false,
      message:
        'The pattern can match the empty string (e.g. "a*", "x?" or "\\b" alone); require at least one character.',
    };
  return { ok: true, regex };
}

/** Texts on which an empty-matching pattern shows itself: at start/end, at word boundaries, between lines. */
const EMPTY_PROBES = ['', 'a', '0', ' ', 'a b', '-_.@', 'A\nb'];

function matchesEmpty(regex: RE2JS): boolean {
  for (const probe of EMPTY_PROBES) {
    const m = regex.matcher(probe);
    while (m.find()) if (m.start() === m.end()) return true;
  }
  return false;
}

/** Counts top-level `|` and the nesting depth of quantified groups, skipping escapes and classes. */
function patternShape(pattern: string): { alternations: number; repeatNesting: number } {
  let alternations = 0;
  let deepest = 0;
  // Per open group: the deepest repetition inside it so far.
  const stack: number[] = [0];
  let lastAtomDepth = 0; // repetition depth of the atom just closed (0 for a plain atom)
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      lastAtomDepth = 0;
    } else if (c === '[') {
      i = classEnd(pattern, i);
      lastAtomDepth = 0;
    } else if (c === '(') {
      if (pattern[i + 1] === '?') {
        // (?:…), (?P<name>…), (?<name>…), (?i:…) open a group; (?i) alone only sets flags.
        const rest = /^\?[^:>)]*[:>)]/.exec(pattern.slice(i + 1));
        const skipped = rest ? rest[0].length : 1;
        i += skipped;
        if (rest?.[0].endsWith(')')) continue;
      }
      stack.push(0);
    } else if (c === ')') {
      lastAtomDepth = stack.length > 1 ? stack.pop()! : 0;
      continue; // a quantifier may follow the group
    } else if (c === '|') {
      alternations++;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      if (c === '{') {
        const close = pattern.indexOf('}', i);
        if (close < 0 || !/^\{\d+(,\d*)?\}$/.test(pattern.slice(i, close + 1))) continue;
        i = close;
      }
      if (c === '?' && pattern[i - 1] && '*+?}'.includes(pattern[i - 1]!)) continue; // lazy suffix
      const depth = lastAtomDepth + 1;
      deepest = Math.max(deepest, depth);
      stack[stack.length - 1] = Math.max(stack[stack.length - 1]!, depth);
      lastAtomDepth = 0;
      continue;
    } else {
      lastAtomDepth = 0;
    }
  }
  return { alternations, repeatNesting: deepest };
}

function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '[' && pattern[i + 1] === ':') i = pattern.indexOf(':]', i) + 1 || i;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}

/** Rule id reported with every finding of an org detector; stable across renames. */
export const customRuleId = (id: string): string => `custom.${id}`;

/**
 * Turns a stored row into a core `Detector` whose matcher runs RE2. A pattern with a group named
 * `value` reports only that group, as the built-ins do. Throws on a pattern the API would refuse.
 */
export function compileCustomDetector(row: CustomDetectorRow): Detector {
  const check = compileCustomPattern(row.pattern, { caseInsensitive: row.caseInsensitive });
  if (!check.ok) throw new Error(`Custom detector ${row.id} (${row.name}): ${check.message}`);
  const regex = check.regex;
  const valueGroup = 'value' in regex.namedGroups();
  const validate = CUSTOM_VALIDATORS[row.validator as CustomValidator];
  const detector: Detector = {
    id: customRuleId(row.id),
    type: row.type,
    severity: row.severity,
    keywords: row.keywords.map((k) => k.toLowerCase()),
    description: row.description || row.name,
    target: row.target,
    *matcher(text: string) {
      // The DFA answers "no match" (most texts) far faster than find() would.
      if (!regex.test(text)) return;
      const m = regex.matcher(text);
      while (m.find()) {
        const start = valueGroup ? m.start('value') : m.start();
        const end = valueGroup ? m.end('value') : m.end();
        if (start >= 0 && end > start) yield [start, end] as const;
      }
    },
  };
  if (validate) detector.validate = validate;
  return detector;
}
