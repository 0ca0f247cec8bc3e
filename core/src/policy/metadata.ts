import type { TextPattern } from './decision.ts';
import type { MetadataCondition } from './types.ts';

/**
 * Whether one metadata condition holds for the context the extension sent. A missing key fails
 * every op except `notEquals` ("department is not finance" is true of someone without one).
 * Own properties only, so a key like `constructor` never reads the prototype.
 */
export function conditionHolds(
  c: MetadataCondition,
  pattern: TextPattern | undefined,
  metadata: Readonly<Record<string, string>>,
): boolean {
  const value = Object.hasOwn(metadata, c.key) ? metadata[c.key] : undefined;
  switch (c.op) {
    case 'exists':
      return value !== undefined;
    case 'equals':
      return value !== undefined && value === c.value;
    case 'notEquals':
      return value !== c.value;
    case 'in':
      return value !== undefined && Array.isArray(c.value) && c.value.includes(value);
    case 'matches':
      // A pattern that never compiled never matches; the rule's patternError already says why.
      return value !== undefined && pattern !== undefined && pattern.matches(value).length > 0;
  }
}

/** `department = "finance"`: the admin's condition, never the context's own value for regexes. */
export function describeCondition(c: MetadataCondition): string {
  const list = Array.isArray(c.value) ? c.value.join(', ') : (c.value ?? '');
  switch (c.op) {
    case 'exists':
      return `${c.key} is set`;
    case 'equals':
      return `${c.key} = "${list}"`;
    case 'notEquals':
      return `${c.key} ≠ "${list}"`;
    case 'in':
      return `${c.key} in [${list}]`;
    case 'matches':
      return `${c.key} matches /${list}/`;
  }
}
