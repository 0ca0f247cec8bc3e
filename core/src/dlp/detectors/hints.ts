import type { ConfidenceHint } from '../types.ts';

/*
 * Context words shared by several detectors. Raising words name the kind of data; lowering words
 * are how documentation, fixtures and business ids announce themselves. Lowering alone never
 * drops a strong finding (a provider key next to "test" is still a key); it only tips the weak,
 * shape-only ones (phone numbers, spaced digits) under the 0.5 reporting floor.
 */

export const DOCS_WORDS = ['example', 'sample', 'dummy', 'fake', 'placeholder', 'lorem', 'fictitious'];
export const TEST_WORDS = ['test', 'demo', 'mock', 'fixture'];
export const BUSINESS_ID_WORDS = [
  'order',
  'invoice',
  'tracking',
  'ticket',
  // Words match as prefixes: bare "ref" would also lower "refund" or "refer", which sit next to
  // card numbers in real support tickets.
  'ref ',
  'ref:',
  'ref#',
  'ref.',
  'ref-',
  'reference',
  'sku',
  'serial',
  'part no',
  'po #',
  'isbn',
  'transaction',
];

export const lowerForDocs = (delta = -0.3): ConfidenceHint => ({ words: DOCS_WORDS, delta });
export const lowerForTests = (delta = -0.15): ConfidenceHint => ({ words: TEST_WORDS, delta });
/** Business ids are labelled right next to the number ("order 415-555-2671"), hence the short window. */
export const lowerForBusinessIds = (delta = -0.35): ConfidenceHint => ({
  words: BUSINESS_ID_WORDS,
  delta,
  window: 16,
});
export const raiseFor = (words: readonly string[], delta = 0.05): ConfidenceHint => ({ words, delta });

/** Shared by every vendor-prefixed key: the prefix already proves what it is. */
export const KEY_HINTS: readonly ConfidenceHint[] = [lowerForDocs(-0.3)];
