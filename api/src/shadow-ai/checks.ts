import { isValidUrlPattern, type ToolConfig } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { policiesUsingTool, type AttributeOverrides, type Sql, type ToolRow } from '@kairro/postgres';
import { attributeProblems } from './attributes.ts';

/** 400 naming every attribute that is not a risk attribute or has a value it cannot take. */
export function checkAttributes(toolId: string, attributes: AttributeOverrides): void {
  const problems = attributeProblems(attributes);
  if (problems.length > 0)
    throw new ApiError('VALIDATION_FAILED', `Attributes of "${toolId}": ${problems.join('; ')}.`);
}

/** URL patterns must be valid Chrome match patterns (as /v1/admin/tools checks); duplicates dropped. */
export function checkedPatterns(toolId: string, patterns: string[]): string[] {
  const unique = [...new Set(patterns.map((p) => p.trim()))];
  for (const pattern of unique) {
    const problem = isValidUrlPattern(pattern);
    if (problem) throw new ApiError('VALIDATION_FAILED', `Tool "${toolId}": ${problem}.`);
  }
  return unique;
}

/** The rule DELETE /v1/admin/tools/:id applies: 409 while a policy rule names the tool. */
export async function assertToolUnused(tx: Sql, orgId: string, toolId: string): Promise<void> {
  const users = await policiesUsingTool(tx, orgId, toolId);
  if (users.length > 0)
    throw new ApiError(
      'CONFLICT',
      `Tool "${toolId}" is named by the rules of ${users.map((n) => `"${n}"`).join(', ')}; remove it there first.`,
    );
}

export function toolSnapshot(row: ToolRow | ToolConfig): ToolConfig {
  const { id, name, status, urlPatterns, applyPolicies, action, severity } = row;
  return { id, name, status, urlPatterns, applyPolicies, action, severity };
}
