import type { Sql } from '../connect.ts';

/** One attribute as an org states it (the catalog's shape; the API checks names and values). */
export interface AttributeOverride {
  value: string;
  source?: string;
  note?: string;
  regions?: string[];
}
/** Attribute name → the org's value. */
export type AttributeOverrides = Record<string, AttributeOverride>;

/** An AI tool the org added to its view of the catalog. */
export interface CustomToolRow {
  id: string;
  name: string;
  vendor: string;
  category: string;
  domains: string[];
  urlPatterns: string[];
  /** Partial: the attributes not listed are unknown. */
  attributes: AttributeOverrides;
  createdAt: string;
  updatedAt: string;
}
export type CustomToolInput = Omit<CustomToolRow, 'createdAt' | 'updatedAt'>;

/** Thrown when the org already has a custom tool with that id. */
export class DuplicateCustomToolError extends Error {}

const json = (sql: Sql, value: AttributeOverrides) =>
  sql.json(value as unknown as Parameters<Sql['json']>[0]);

/** Tool id → the org's overrides, for every tool the org overrode. */
export async function listAttributeOverrides(
  sql: Sql,
  orgId: string,
): Promise<Map<string, AttributeOverrides>> {
  const rows = await sql<{ toolId: string; overrides: AttributeOverrides }[]>`
    select tool_id as "toolId", overrides from shadow_ai_attribute_overrides where org_id = ${orgId}`;
  return new Map(rows.map((r) => [r.toolId, r.overrides]));
}

export async function getAttributeOverrides(
  sql: Sql,
  orgId: string,
  toolId: string,
): Promise<AttributeOverrides> {
  const [row] = await sql<{ overrides: AttributeOverrides }[]>`
    select overrides from shadow_ai_attribute_overrides where org_id = ${orgId} and tool_id = ${toolId}`;
  return row?.overrides ?? {};
}

/** Replaces the tool's overrides; an empty object removes them. */
export async function putAttributeOverrides(
  sql: Sql,
  orgId: string,
  toolId: string,
  overrides: AttributeOverrides,
): Promise<void> {
  if (Object.keys(overrides).length === 0) {
    await sql`delete from shadow_ai_attribute_overrides where org_id = ${orgId} and tool_id = ${toolId}`;
    return;
  }
  await sql`
    insert into shadow_ai_attribute_overrides (org_id, tool_id, overrides)
    values (${orgId}, ${toolId}, ${json(sql, overrides)})
    on conflict (org_id, tool_id) do update set overrides = excluded.overrides, updated_at = now()`;
}

const CUSTOM_COLUMNS = `id, name, vendor, category, domains, url_patterns as "urlPatterns", attributes,
  to_json(created_at)#>>'{}' as "createdAt", to_json(updated_at)#>>'{}' as "updatedAt"`;

export async function listCustomTools(sql: Sql, orgId: string): Promise<CustomToolRow[]> {
  return sql<CustomToolRow[]>`
    select ${sql.unsafe(CUSTOM_COLUMNS)} from shadow_ai_custom_tools
    where org_id = ${orgId} order by lower(name), id`;
}

/** What detection needs of a custom tool: ingest classifies sightings by it and watches it. */
export type CustomToolPatterns = Pick<CustomToolRow, 'id' | 'name' | 'category' | 'urlPatterns'>;

/** The custom tools of the given orgs, each org's by name (as `listCustomTools` orders them). */
export async function selectCustomToolPatterns(
  sql: Sql,
  orgIds: string[],
): Promise<Array<CustomToolPatterns & { orgId: string }>> {
  return sql<Array<CustomToolPatterns & { orgId: string }>>`
    select org_id as "orgId", id, name, category, url_patterns as "urlPatterns"
    from shadow_ai_custom_tools
    where org_id = any(${orgIds}::uuid[]) order by org_id, lower(name), id`;
}

export async function getCustomTool(sql: Sql, orgId: string, id: string): Promise<CustomToolRow | undefined> {
  const [row] = await sql<CustomToolRow[]>`
    select ${sql.unsafe(CUSTOM_COLUMNS)} from shadow_ai_custom_tools where org_id = ${orgId} and id = ${id}`;
  return row;
}

export async function insertCustomTool(
  sql: Sql,
  orgId: string,
  tool: CustomToolInput,
): Promise<CustomToolRow> {
  try {
    const [row] = await sql<CustomToolRow[]>`
      insert into shadow_ai_custom_tools (org_id, id, name, vendor, category, domains, url_patterns, attributes)
      values (${orgId}, ${tool.id}, ${tool.name}, ${tool.vendor}, ${tool.category}, ${tool.domains}::text[],
              ${tool.urlPatterns}::text[], ${json(sql, tool.attributes)})
      returning ${sql.unsafe(CUSTOM_COLUMNS)}`;
    return row!;
  } catch (err) {
    const e = err as { code?: string; constraint_name?: string };
    if (e.code === '23505' && e.constraint_name === 'shadow_ai_custom_tools_pkey')
      throw new DuplicateCustomToolError(
        `A custom tool with id "${tool.id}" already exists in your organisation.`,
      );
    throw err;
  }
}

/** Deletes the custom tool and the org's overrides of it; false when there was no such tool. */
export async function deleteCustomTool(sql: Sql, orgId: string, id: string): Promise<boolean> {
  const rows =
    await sql`delete from shadow_ai_custom_tools where org_id = ${orgId} and id = ${id} returning id`;
  await sql`delete from shadow_ai_attribute_overrides where org_id = ${orgId} and tool_id = ${id}`;
  return rows.length > 0;
}

/** The hosts the org took out of the discovered-tools queue, sorted. */
export async function listDismissedHosts(sql: Sql, orgId: string): Promise<string[]> {
  const rows = await sql<{ host: string }[]>`
    select host from shadow_ai_dismissed_hosts where org_id = ${orgId} order by host`;
  return rows.map((r) => r.host);
}

/** Dismisses the host; false when it already was. */
export async function dismissHost(
  sql: Sql,
  orgId: string,
  host: string,
  by: { userId: string | null; email: string },
): Promise<boolean> {
  const rows = await sql`
    insert into shadow_ai_dismissed_hosts (org_id, host, dismissed_by, dismissed_by_email)
    values (${orgId}, ${host}, ${by.userId}, ${by.email})
    on conflict (org_id, host) do nothing returning host`;
  return rows.length > 0;
}

/** Shows the host again; false when it was not dismissed. */
export async function undismissHost(sql: Sql, orgId: string, host: string): Promise<boolean> {
  const rows = await sql`
    delete from shadow_ai_dismissed_hosts where org_id = ${orgId} and host = ${host} returning host`;
  return rows.length > 0;
}
