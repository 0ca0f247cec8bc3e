import type { AttributeOverride, AttributeOverrides } from '@kairro/postgres';

const sameStatement = (a: AttributeOverride, b: AttributeOverride) =>
  a.source === b.source && a.note === b.note && (a.regions ?? []).join('\n') === (b.regions ?? []).join('\n');

/**
 * One line for the audit log about new overrides: `Changed risk attributes of "ChatGPT": sso
 * unknown → yes; cleared soc2`. Null when nothing differs.
 */
export function describeOverridesChange(
  toolName: string,
  before: AttributeOverrides,
  after: AttributeOverrides,
): string | null {
  const parts: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, now] = [before[name], after[name]];
    if (!now) parts.push(`cleared ${name}`);
    else if (!was) parts.push(`${name} → ${now.value}`);
    else if (was.value !== now.value) parts.push(`${name} ${was.value} → ${now.value}`);
    else if (!sameStatement(was, now)) parts.push(`${name} source or note`);
  }
  return parts.length ? `Changed risk attributes of "${toolName}": ${parts.join('; ')}` : null;
}
