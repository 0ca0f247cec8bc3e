import { shannonEntropy } from './entropy.ts';

/**
 * Docs, tutorials and .env.example files are full of secret-shaped stand-ins; reporting them would
 * teach users to ignore warnings. These are the shapes they take.
 */
const PLACEHOLDER_WORDS =
  /example|sample|placeholder|changeme|change_me|redacted|replace|insert|<|>|\*{3}|\.{3}|\$\{|\{\{/i;
/**
 * Short words turn up by chance inside long random keys (`…16Todoq2…`), so they count only as a
 * word of their own: `YOUR_API_KEY`, `your-token-here`.
 */
const SHORT_WORDS = /(?<![A-Za-z0-9])(?:your|todo|fixme|dummy|test|fake)(?![A-Za-z0-9])/i;

/**
 * XXXX, ----, aaaa (and xXxX): four of a non-digit in a row. Digits need six, because real numeric
 * ids (`xoxb-2109811117…`) repeat a digit four times often enough. A loop rather than a
 * backreference regex: it runs on every key-shaped candidate and was measured faster.
 */
export function hasRepeatedRun(value: string): boolean {
  let prev = -1;
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    let c = value.charCodeAt(i);
    if (c === 88) c = 120; // X counts as x
    run = c === prev ? run + 1 : 1;
    prev = c;
    if (run >= (c >= 48 && c <= 57 ? 6 : 4)) return true;
  }
  return false;
}

export function looksLikePlaceholder(value: string): boolean {
  return hasRepeatedRun(value) || PLACEHOLDER_WORDS.test(value) || SHORT_WORDS.test(value);
}

/** A value that is neither a placeholder nor too regular to be a generated secret. */
export function looksRandom(value: string, minEntropy = 3): boolean {
  return !looksLikePlaceholder(value) && shannonEntropy(value) >= minEntropy;
}
