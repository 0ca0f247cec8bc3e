import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ClickHouse } from '@kairro/clickhouse';
import {
  connectPostgres,
  createOrg,
  createSession,
  createUser,
  migratePostgres,
  type Role,
  type Sql,
} from '@kairro/postgres';
import { createTestDatabase } from '../../../test/helpers/pg.ts';
import { buildApiApp } from '../app.ts';

export interface Response {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  headers: Record<string, unknown>;
}

/** A signed-in console user of one org, calling the app in process. */
export interface Client {
  orgId: string;
  userId: string;
  email: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  get(url: string): Promise<Response>;
}

export interface AdminWorld {
  app: FastifyInstance;
  sql: Sql;
  /** Org A's owner, org A's viewer, org B's owner. */
  admin: Client;
  viewer: Client;
  otherAdmin: Client;
  close(): Promise<void>;
}

/**
 * The admin API on a fresh database of the machine's PostgreSQL, two orgs with their defaults.
 * The policy routes never touch ClickHouse, so a stub that is never
 * queried stands in.
 */
export async function buildAdminWorld(): Promise<AdminWorld> {
  const db = await createTestDatabase();
  const sql = connectPostgres(db.url, { max: 4 });
  await migratePostgres(sql);
  const clickhouse = {
    target: { kind: 'server', url: 'http://127.0.0.1:1', database: 'kairro' },
    ping: async () => true,
    close: async () => {},
  } as unknown as ClickHouse;
  const app = await buildApiApp({ sql, clickhouse, secureCookies: false });
  const suffix = randomUUID().slice(0, 8);
  const orgA = await createOrg(sql, { name: 'Org A', slug: `a-${suffix}` });
  const orgB = await createOrg(sql, { name: 'Org B', slug: `b-${suffix}` });

  const client = async (orgId: string, email: string, role: Role): Promise<Client> => {
    const userId = await createUser(sql, { orgId, email, passwordHash: 'x', role });
    const token = await createSession(sql, { userId, orgId, ttlSeconds: 3600 });
    const request = async (
      method: string,
      url: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: `kairro_session=${token}`, ...headers },
        ...(body === undefined
          ? {}
          : typeof body === 'string'
            ? { payload: body }
            : { payload: body as object }),
      });
      let parsed: unknown;
      try {
        parsed = res.json();
      } catch {
        parsed = undefined;
      }
      return { status: res.statusCode, body: parsed, text: res.body, headers: res.headers };
    };
    return { orgId, userId, email, request, get: (url) => request('GET', url) };
  };

  return {
    app,
    sql,
    admin: await client(orgA, `owner-${suffix}@a.example`, 'OWNER'),
    viewer: await client(orgA, `viewer-${suffix}@a.example`, 'VIEWER'),
    otherAdmin: await client(orgB, `owner-${suffix}@b.example`, 'ADMIN'),
    async close() {
      await app.close();
      await sql.end();
      await db.drop();
    },
  };
}
