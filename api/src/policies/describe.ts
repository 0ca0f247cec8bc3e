import type { ToolConfig } from '@kairro/core';
import type { PolicySnapshot } from './view.ts';

type Rule = PolicySnapshot['rules'][number];

/**
 * One line for people about a policy change: `Created policy "X"`, `Disabled policy "X"`,
 * `Changed rule 2 action WARN → BLOCK; Changed priority 10 → 20`. Null when nothing differs.
 */
export function describePolicyChange(
  before: PolicySnapshot | null,
  after: PolicySnapshot | null,
): string | null {
  if (!before && after) return `Created policy "${after.name}"`;
  if (before && !after) return `Deleted policy "${before.name}"`;
  if (!before || !after) return null;
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`Renamed policy "${before.name}" → "${after.name}"`);
  if (before.status !== after.status) {
    if (after.status === 'DISABLED') parts.push(`Disabled policy "${after.name}"`);
    else if (after.status === 'ACTIVE') parts.push(`Enabled policy "${after.name}"`);
    else parts.push(`Changed status ${before.status} → ${after.status}`);
  }
  if (before.type !== after.type) parts.push(`Changed type ${before.type} → ${after.type}`);
  if (before.description !== after.description) parts.push('Changed description');
  if (before.scope !== after.scope || before.scopeTargetId !== after.scopeTargetId)
    parts.push(`Changed scope ${scopeText(before)} → ${scopeText(after)}`);
  if (before.priority !== after.priority)
    parts.push(`Changed priority ${before.priority} → ${after.priority}`);
  const count = Math.max(before.rules.length, after.rules.length);
  for (let i = 0; i < count; i++) parts.push(...describeRule(i + 1, before.rules[i], after.rules[i]));
  return parts.length ? parts.join('; ') : null;
}

function describeRule(n: number, before: Rule | undefined, after: Rule | undefined): string[] {
  if (!before) return [`Added rule ${n} (${after!.kind} → ${after!.action})`];
  if (!after) return [`Removed rule ${n} (${before.kind} → ${before.action})`];
  const parts: string[] = [];
  if (before.kind !== after.kind) parts.push(`Changed rule ${n} kind ${before.kind} → ${after.kind}`);
  if (before.action !== after.action)
    parts.push(`Changed rule ${n} action ${before.action} → ${after.action}`);
  if (before.severity !== after.severity)
    parts.push(`Changed rule ${n} severity ${before.severity ?? 'none'} → ${after.severity ?? 'none'}`);
  if (before.description !== after.description) parts.push(`Changed rule ${n} description`);
  if (JSON.stringify(before.criteria) !== JSON.stringify(after.criteria))
    parts.push(`Changed rule ${n} criteria`);
  return parts;
}

const scopeText = (p: PolicySnapshot) =>
  p.scope === 'ORG' ? 'ORG' : `${p.scope} "${p.scopeTargetName ?? p.scopeTargetId}"`;

/** `Created tool "X"`, `Changed tool "X": status APPROVED → UNAPPROVED; URL patterns`; null when equal. */
export function describeToolChange(before: ToolConfig | null, after: ToolConfig | null): string | null {
  if (!before && after) return `Created tool "${after.name}" (${after.status})`;
  if (before && !after) return `Deleted tool "${before.name}"`;
  if (!before || !after) return null;
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`name "${before.name}" → "${after.name}"`);
  if (before.status !== after.status) parts.push(`status ${before.status} → ${after.status}`);
  if (before.urlPatterns.join('\n') !== after.urlPatterns.join('\n')) parts.push('URL patterns');
  if (before.applyPolicies !== after.applyPolicies)
    parts.push(`applyPolicies ${before.applyPolicies} → ${after.applyPolicies}`);
  if (before.action !== after.action) parts.push(`action ${before.action} → ${after.action}`);
  if (before.severity !== after.severity) parts.push(`severity ${before.severity} → ${after.severity}`);
  return parts.length ? `Changed tool "${after.name}": ${parts.join('; ')}` : null;
}
