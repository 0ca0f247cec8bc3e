import { randomBytes } from 'node:crypto';
import type { Sql } from '../connect.ts';

/** Returns the installation's token-signing secret, creating it on first boot (race-safe). */
export async function ensureTokenSecret(sql: Sql): Promise<string> {
  await sql`
    insert into installation (id, token_secret) values (1, ${randomBytes(32).toString('base64url')})
    on conflict (id) do nothing`;
  const [row] = await sql<{ token_secret: string }[]>`select token_secret from installation where id = 1`;
  if (!row) throw new Error('installation row missing after insert');
  return row.token_secret;
}
