import { seededRandom } from '../../random.ts';
import { PromptBuilder } from './builder.ts';
import { codePrompt, logPrompt } from './code.ts';
import { csvPrompt, tablePrompt } from './data.ts';
import { shellPrompt } from './shell.ts';
import { chatPrompt, emailPrompt, hrPrompt, ticketPrompt } from './prose.ts';
import type { LabelledPrompt, Rng } from './types.ts';

export type { Label, LabelledPrompt } from './types.ts';

/** Each kind with its share of the corpus. */
const KINDS: ReadonlyArray<readonly [string, number, (b: PromptBuilder, rand: Rng) => void]> = [
  ['code', 0.18, codePrompt],
  ['log', 0.14, logPrompt],
  ['shell', 0.04, shellPrompt],
  ['email', 0.16, emailPrompt],
  ['chat', 0.18, chatPrompt],
  ['ticket', 0.1, ticketPrompt],
  ['hr', 0.1, hrPrompt],
  ['csv', 0.05, csvPrompt],
  ['table', 0.05, tablePrompt],
];

/**
 * A labelled evaluation corpus: realistic prompts whose sensitive spans are known from how they
 * were built. Same seed, same corpus.
 */
export function generateCorpus(seed: number, count: number): LabelledPrompt[] {
  const rand = seededRandom(seed);
  const out: LabelledPrompt[] = [];
  for (let i = 0; i < count; i++) {
    let roll = rand();
    const kind = KINDS.find(([, share]) => (roll -= share) < 0) ?? KINDS[0]!;
    const b = new PromptBuilder();
    kind[2](b, rand);
    out.push(b.build(kind[0]));
  }
  return out;
}
