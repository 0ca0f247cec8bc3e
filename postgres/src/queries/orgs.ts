import { inTransaction, type Sql } from '../connect.ts';
import { ensureDefaultPolicies, ensureDefaultTools } from './defaults.ts';

export async function createOrg(sql: Sql, input: { name: string; slug: string }): Promise<string> {
  return inTransaction(sql, async (tx) => {
    const [org] = await tx<{ id: string }[]>`
      insert into orgs (name, slug) values (${input.name}, ${input.slug}) returning id`;
    await ensureDefaultPolicies(tx, org!.id);
    await ensureDefaultTools(tx, org!.id);
    return org!.id;
  });
}

/** How many days the org's events are kept in ClickHouse (the TTL reads it from each row). */
export async function getRetentionDays(sql: Sql, orgId: string): Promise<number> {
  const [row] = await sql<{ retention_days: number }[]>`select retention_days from orgs where id = ${orgId}`;
  if (!row) throw new Error(`org ${orgId} does not exist`);
  return row.retention_days;
}

/**
 * Sets the org's retention. Postgres NOTIFYs the change, so ingest writes the new value on the
 * next events; rows already stored keep the retention they were written with.
 */
export async function setRetentionDays(sql: Sql, orgId: string, days: number): Promise<number> {
  const [row] = await sql<{ retention_days: number }[]>`
    update orgs set retention_days = ${days} where id = ${orgId} returning retention_days`;
  if (!row) throw new Error(`org ${orgId} does not exist`);
  return row.retention_days;
}
