import type { Action, Severity, ToolConfig } from '@kairro/core';
import type { ToolRow } from '@kairro/postgres';
import type { ShadowTool } from './tools-view.ts';

export type DecisionInput =
  | { status: 'APPROVED'; applyPolicies?: boolean | undefined; urlPatterns?: string[] | undefined }
  | {
      status: 'UNAPPROVED';
      action: Action;
      severity?: Severity | undefined;
      urlPatterns?: string[] | undefined;
    };

/**
 * The org's ai_tools row for a decision about `tool`: its name, its URL patterns unless the
 * decision names others; approved tools apply policies unless told not to; an unapproved tool's
 * severity is its risk level unless given. Fields the decision does not concern (an approved
 * tool's action, an unapproved one's applyPolicies) keep the existing row's values.
 */
export function decisionToolConfig(
  tool: ShadowTool,
  input: DecisionInput,
  existing: ToolRow | undefined,
): ToolConfig {
  const common = {
    id: tool.id,
    name: tool.name.slice(0, 100),
    urlPatterns: input.urlPatterns ?? tool.urlPatterns,
  };
  if (input.status === 'APPROVED')
    return {
      ...common,
      status: 'APPROVED',
      applyPolicies: input.applyPolicies ?? true,
      action: existing?.action ?? 'BLOCK',
      severity: existing?.severity ?? tool.risk.level,
    };
  return {
    ...common,
    status: 'UNAPPROVED',
    applyPolicies: existing?.applyPolicies ?? true,
    action: input.action,
    severity: input.severity ?? tool.risk.level,
  };
}
