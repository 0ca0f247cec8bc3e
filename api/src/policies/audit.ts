import { appendAudit, type AuditEntry, type SessionUser, type Sql } from '@kairro/postgres';

/** Appends the audit entry of a change made by `user`; call in the change's transaction. */
export function audit(tx: Sql, user: SessionUser, entry: Omit<AuditEntry, 'actor'>): Promise<void> {
  return appendAudit(tx, user.orgId, { ...entry, actor: { userId: user.id, email: user.email } });
}
