import { shannonEntropy } from './entropy.ts';

/**
 * Docs, tutorials and .env.example files are full of secret-shaped stand-ins; reporting them would
 * teach users to ignore warnings. These are the shapes they take.
 */
const PLACEHOLDER_WORDS =
  /your|example|sample|placeholder|changeme|change_me|dummy|redacted|replace|insert|<|>|\*{3}|\.{3}|\$\{|\{\{|todo|fixme/i;

/** Four or more of the same character in a row: XXXX, 0000, ----. */
const REPEATED_RUN = /(.)\1{3,}/;

export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER_WORDS.test(value) || /x{4,}/i.test(value) || REPEATED_RUN.test(value);
}

/** A value that is neither a placeholder nor too regular to be a generated secret. */
export function looksRandom(value: string, minEntropy = 3): boolean {
  return !looksLikePlaceholder(value) && shannonEntropy(value) >= minEntropy;
}
