import type { EvaluationContext } from './decision.ts';
import type { Action, Severity } from './types.ts';

/** A stage that decided before any policy ran. */
export interface ShortCircuit {
  action: Action;
  /** Extra risk the stage adds to the DLP severity (an unapproved tool's configured severity). */
  severity: Severity | null;
  reason: string;
}

/**
 * The tool stage: an unapproved tool gets its configured action and severity (evaluate takes a
 * non-BLOCK one as a floor under the policies' decision); an approved tool with
 * `applyPolicies: false` is trusted (ALLOW). Null lets the policies decide: approved tools that
 * apply policies, and tools the org never classified.
 */
export function toolShortCircuit(tool: EvaluationContext['tool']): ShortCircuit | null {
  if (tool === null) return null;
  if (tool.status === 'UNAPPROVED')
    return {
      action: tool.action,
      severity: tool.severity,
      reason: `Tool "${tool.name}" is not approved → ${tool.action}`,
    };
  if (!tool.applyPolicies)
    return {
      action: 'ALLOW',
      severity: null,
      reason: `Tool "${tool.name}" is approved and trusted; policies do not apply → ALLOW`,
    };
  return null;
}

/** Trace text for a tool that did not short-circuit. */
export const describeToolPass = (ctx: EvaluationContext): string =>
  ctx.tool === null
    ? `${ctx.toolId} is not a classified tool; policies apply`
    : `Tool "${ctx.tool.name}" is approved; policies apply`;
