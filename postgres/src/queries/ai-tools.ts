import type { ToolConfig } from '@kairro/core';
import type { Sql } from '../connect.ts';

/** An AI tool the org classified; `id` is the stable tool key rules and the extension use. */
export interface ToolRow extends ToolConfig {
  createdAt: string;
  updatedAt: string;
}

/** Thrown when the org already has a tool with that id. */
export class DuplicateToolError extends Error {}

const COLUMNS = `tool_key as id, name, status, url_patterns as "urlPatterns",
  apply_policies as "applyPolicies", action, severity,
  to_json(created_at)#>>'{}' as "createdAt", to_json(updated_at)#>>'{}' as "updatedAt"`;

/** The tools of the given orgs: approved first, then unapproved, each by name. */
export async function selectTools(sql: Sql, orgIds: string[]): Promise<Array<ToolRow & { orgId: string }>> {
  return sql<Array<ToolRow & { orgId: string }>>`
    select org_id as "orgId", ${sql.unsafe(COLUMNS)} from ai_tools
    where org_id = any(${orgIds}::uuid[])
    order by status = 'UNAPPROVED', lower(name), tool_key`;
}

export async function listTools(sql: Sql, orgId: string): Promise<ToolRow[]> {
  return (await selectTools(sql, [orgId])).map(({ orgId: _org, ...tool }) => tool);
}

export async function getTool(sql: Sql, orgId: string, id: string): Promise<ToolRow | undefined> {
  const [row] = await sql<ToolRow[]>`
    select ${sql.unsafe(COLUMNS)} from ai_tools where org_id = ${orgId} and tool_key = ${id}`;
  return row;
}

/** The org's tool ids (to validate rules that name tools). */
export async function toolKeys(sql: Sql, orgId: string): Promise<Set<string>> {
  const rows = await sql<{ id: string }[]>`select tool_key as id from ai_tools where org_id = ${orgId}`;
  return new Set(rows.map((r) => r.id));
}

export async function insertTool(sql: Sql, orgId: string, tool: ToolConfig): Promise<ToolRow> {
  try {
    const [row] = await sql<ToolRow[]>`
      insert into ai_tools (org_id, tool_key, name, status, url_patterns, apply_policies, action, severity)
      values (${orgId}, ${tool.id}, ${tool.name}, ${tool.status}, ${tool.urlPatterns}::text[],
              ${tool.applyPolicies}, ${tool.action}, ${tool.severity})
      returning ${sql.unsafe(COLUMNS)}`;
    return row!;
  } catch (err) {
    const e = err as { code?: string; constraint_name?: string };
    if (e.code === '23505' && e.constraint_name === 'ai_tools_org_id_tool_key_key')
      throw new DuplicateToolError(`A tool with id "${tool.id}" already exists in your organisation.`);
    throw err;
  }
}

/** Replaces the tool's fields (the id stays); undefined when the org has no such tool. */
export async function updateTool(sql: Sql, orgId: string, tool: ToolConfig): Promise<ToolRow | undefined> {
  const [row] = await sql<ToolRow[]>`
    update ai_tools set name = ${tool.name}, status = ${tool.status},
      url_patterns = ${tool.urlPatterns}::text[], apply_policies = ${tool.applyPolicies},
      action = ${tool.action}, severity = ${tool.severity}, updated_at = now()
    where org_id = ${orgId} and tool_key = ${tool.id}
    returning ${sql.unsafe(COLUMNS)}`;
  return row;
}

export async function deleteTool(sql: Sql, orgId: string, id: string): Promise<boolean> {
  const rows = await sql`delete from ai_tools where org_id = ${orgId} and tool_key = ${id} returning id`;
  return rows.length > 0;
}
