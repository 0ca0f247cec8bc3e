import type { Severity } from '@kairro/core';
import type { Sql } from '../connect.ts';

export type DetectorTarget = 'prompt' | 'response' | 'both';

/** An org's own detector as stored; the services compile `pattern` with RE2 (linear time). */
export interface CustomDetectorRow {
  id: string;
  orgId: string;
  name: string;
  type: string;
  description: string;
  pattern: string;
  caseInsensitive: boolean;
  severity: Severity;
  target: DetectorTarget;
  keywords: string[];
  validator: string;
  enabled: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CustomDetectorInput = Omit<
  CustomDetectorRow,
  'id' | 'orgId' | 'createdBy' | 'createdAt' | 'updatedAt'
>;

const COLUMNS = `id, org_id as "orgId", name, type, description, pattern,
  case_insensitive as "caseInsensitive", severity, target, keywords, validator, enabled,
  created_by as "createdBy", to_json(created_at)#>>'{}' as "createdAt",
  to_json(updated_at)#>>'{}' as "updatedAt"`;

/** Thrown when the org already has a detector of that name. */
export class DuplicateDetectorNameError extends Error {}

export async function listCustomDetectors(sql: Sql, orgIds: string[]): Promise<CustomDetectorRow[]> {
  return sql<CustomDetectorRow[]>`
    select ${sql.unsafe(COLUMNS)} from custom_detectors
    where org_id = any(${orgIds}::uuid[]) order by name`;
}

export async function createCustomDetector(
  sql: Sql,
  orgId: string,
  input: CustomDetectorInput,
  createdBy: string | null,
): Promise<CustomDetectorRow> {
  try {
    const [row] = await sql<CustomDetectorRow[]>`
      insert into custom_detectors (org_id, name, type, description, pattern, case_insensitive,
        severity, target, keywords, validator, enabled, created_by)
      values (${orgId}, ${input.name}, ${input.type}, ${input.description}, ${input.pattern},
        ${input.caseInsensitive}, ${input.severity}, ${input.target}, ${input.keywords}::text[],
        ${input.validator}, ${input.enabled}, ${createdBy})
      returning ${sql.unsafe(COLUMNS)}`;
    return row!;
  } catch (err) {
    throw duplicateName(err, input.name);
  }
}

/** Replaces the detector's fields; undefined when no detector of that id exists in the org. */
export async function updateCustomDetector(
  sql: Sql,
  orgId: string,
  id: string,
  input: CustomDetectorInput,
): Promise<CustomDetectorRow | undefined> {
  try {
    const [row] = await sql<CustomDetectorRow[]>`
      update custom_detectors set name = ${input.name}, type = ${input.type},
        description = ${input.description}, pattern = ${input.pattern},
        case_insensitive = ${input.caseInsensitive}, severity = ${input.severity},
        target = ${input.target}, keywords = ${input.keywords}::text[],
        validator = ${input.validator}, enabled = ${input.enabled}, updated_at = now()
      where org_id = ${orgId} and id = ${id}
      returning ${sql.unsafe(COLUMNS)}`;
    return row;
  } catch (err) {
    throw duplicateName(err, input.name);
  }
}

export async function findCustomDetector(
  sql: Sql,
  orgId: string,
  id: string,
): Promise<CustomDetectorRow | undefined> {
  const [row] = await sql<CustomDetectorRow[]>`
    select ${sql.unsafe(COLUMNS)} from custom_detectors where org_id = ${orgId} and id = ${id}`;
  return row;
}

/** True when a detector of the org was deleted. */
export async function deleteCustomDetector(sql: Sql, orgId: string, id: string): Promise<boolean> {
  const rows = await sql`delete from custom_detectors where org_id = ${orgId} and id = ${id} returning id`;
  return rows.length > 0;
}

function duplicateName(err: unknown, name: string): unknown {
  const e = err as { code?: string; constraint_name?: string };
  if (e.code === '23505' && e.constraint_name === 'custom_detectors_org_id_name_key')
    return new DuplicateDetectorNameError(`A detector named "${name}" already exists in your organisation.`);
  return err;
}
