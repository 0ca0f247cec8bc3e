import type { Sql } from '../connect.ts';

export const AUDIT_ENTITY_TYPES = ['policy', 'tool', 'team', 'identity'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
export const AUDIT_CHANGES = ['create', 'update', 'delete', 'import'] as const;
export type AuditChange = (typeof AUDIT_CHANGES)[number];

export interface AuditEntry {
  actor: { userId: string | null; email: string };
  entityType: AuditEntityType;
  /** A uuid, or the tool id for tools. */
  entityId: string;
  entityName: string;
  change: AuditChange;
  /** For people: `Disabled policy "X"`, `Changed rule 2 action WARN → BLOCK`. */
  description: string;
  /** The entity's view before and after the change (null for a create / a delete). */
  before: unknown;
  after: unknown;
}

export interface AuditRow extends Omit<AuditEntry, 'actor'> {
  id: string;
  actorUserId: string | null;
  actorEmail: string;
  /** ISO-8601 with microseconds. */
  occurredAt: string;
}

/** Appends one entry; call in the transaction of the change it records. */
export async function appendAudit(sql: Sql, orgId: string, e: AuditEntry): Promise<void> {
  await sql`
    insert into audit_log (org_id, actor_user_id, actor_email, entity_type, entity_id, entity_name,
      change, description, before, after)
    values (${orgId}, ${e.actor.userId}, ${e.actor.email}, ${e.entityType}, ${e.entityId},
      ${e.entityName}, ${e.change}, ${e.description}, ${json(sql, e.before)}, ${json(sql, e.after)})`;
}

export interface AuditFilter {
  entityType?: AuditEntityType | undefined;
  entityId?: string | undefined;
  limit: number;
  /** Entries strictly older than this one (the previous page's last). */
  before?: { occurredAt: string; id: string } | undefined;
}

/** The org's entries, newest first. */
export async function listAudit(sql: Sql, orgId: string, f: AuditFilter): Promise<AuditRow[]> {
  const page = f.before
    ? sql`and (occurred_at, id) < (${f.before.occurredAt}::timestamptz, ${f.before.id}::bigint)`
    : sql``;
  return sql<AuditRow[]>`
    select id::text, actor_user_id as "actorUserId", actor_email as "actorEmail",
      to_json(occurred_at)#>>'{}' as "occurredAt", entity_type as "entityType", entity_id as "entityId",
      entity_name as "entityName", change, description, before, after
    from audit_log
    where org_id = ${orgId}
      and (${f.entityType ?? null}::text is null or entity_type = ${f.entityType ?? null})
      and (${f.entityId ?? null}::text is null or entity_id = ${f.entityId ?? null})
      ${page}
    order by occurred_at desc, id desc
    limit ${f.limit}`;
}

function json(sql: Sql, value: unknown) {
  return value === null || value === undefined ? null : sql.json(value as Parameters<Sql['json']>[0]);
}
