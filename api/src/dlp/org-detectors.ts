import { BUILTIN_DETECTORS, DETECTOR_TYPES } from '@kairro/core';

/** Types an org detector may not take: every built-in type, so reports stay unambiguous. */
export const BUILTIN_TYPES: ReadonlySet<string> = new Set([
  ...DETECTOR_TYPES,
  ...BUILTIN_DETECTORS.map((d) => d.type),
]);

/** The matched text with all but its first and last two characters hidden (short values: all). */
export function redactValue(value: string): string {
  const chars = [...value];
  if (chars.length <= 6) return '•'.repeat(chars.length);
  return chars.slice(0, 2).join('') + '•'.repeat(chars.length - 4) + chars.slice(-2).join('');
}
