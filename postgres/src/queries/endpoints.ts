import type { Sql } from '../connect.ts';

export interface RegisteredEndpoint {
  id: string;
  identityId: string;
}

/** Registers (or refreshes) one browser profile of one employee; idempotent per endpoint key. */
export async function registerEndpoint(
  sql: Sql,
  input: { orgId: string; licenseId: string; endpointKey: string; email: string; userAgent: string | null },
): Promise<RegisteredEndpoint> {
  return sql.begin(async (tx) => {
    const [identity] = await tx<{ id: string }[]>`
      insert into identities (org_id, email) values (${input.orgId}, ${input.email.toLowerCase()})
      on conflict (org_id, email) do update set email = excluded.email
      returning id`;
    const [endpoint] = await tx<{ id: string }[]>`
      insert into endpoints (org_id, endpoint_key, identity_id, license_id, user_agent)
      values (${input.orgId}, ${input.endpointKey}, ${identity!.id}, ${input.licenseId}, ${input.userAgent})
      on conflict (org_id, endpoint_key) do update set
        identity_id = excluded.identity_id, license_id = excluded.license_id,
        user_agent = excluded.user_agent, last_seen_at = now()
      returning id`;
    return { id: endpoint!.id, identityId: identity!.id };
  });
}
