/**
 * The held-out DLP evaluation set: `HELDOUT` is built deterministically (seed below) from
 * hand-written templates; each label's span is computed from the inserted value.
 */
import type { HeldoutPrompt } from './build.ts';
import { CODE_FAMILIES, type Family } from './prompts-code.ts';
import { FIXED } from './prompts-fixed.ts';
import { INTL_FAMILIES } from './prompts-intl.ts';
import { TEXT_FAMILIES } from './prompts-text.ts';
import { Values } from './values.ts';

export type { HeldoutLabel, HeldoutPrompt } from './build.ts';

export const SEED = 20240517;

export function buildHeldout(seed = SEED): HeldoutPrompt[] {
  const v = new Values(seed);
  const out: HeldoutPrompt[] = [];
  const families: readonly Family[] = [...CODE_FAMILIES, ...TEXT_FAMILIES, ...INTL_FAMILIES];
  for (const [prefix, count, make] of families) {
    for (let i = 0; i < count; i++)
      out.push({ id: `${prefix}-${String(i + 1).padStart(2, '0')}`, ...make(v, i) });
  }
  for (const [id, p] of FIXED) out.push({ id, ...p });
  const ids = new Set<string>();
  for (const p of out) {
    if (ids.has(p.id)) throw new Error(`duplicate id ${p.id}`);
    ids.add(p.id);
  }
  return out;
}
