/**
 * The real Kairro platform for browser tests: `kairro start` as a child process (embedded shape) on
 * a fresh database of the machine's Postgres, so a test can also change what only SQL reaches (a
 * license's expiry). The admin API configures policies and tools as an admin would.
 */
import postgres from 'postgres';
import { signIn } from '../../../test/helpers/clients.ts';
import type { HttpClient } from '../../../test/helpers/http.ts';
import { createTestDatabase } from '../../../test/helpers/pg.ts';
import {
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../../../test/helpers/platform.ts';

export interface Backend {
  platform: PlatformProcess;
  ingestUrl: string;
  demo: DemoCredentials;
  admin: HttpClient;
  /** The platform's Postgres database, for what no admin API changes. */
  sql: postgres.Sql;
  addPolicy(name: string, rules: PolicyRuleInput[], priority?: number): Promise<string>;
  addTool(tool: Record<string, unknown>): Promise<void>;
  patchTool(id: string, change: Record<string, unknown>): Promise<void>;
  /** Stops the platform and drops its database. */
  stop(): Promise<void>;
}

export interface PolicyRuleInput {
  kind: string;
  action: string;
  criteria: object;
}

export async function startBackend(): Promise<Backend> {
  const db = await createTestDatabase();
  const platform = await startKairro({ env: { DATABASE_URL: db.url } });
  const demo = readDemo(platform.dataDir);
  const admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  const expectStatus = (res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status)
      throw new Error(`admin API answered ${res.status}: ${JSON.stringify(res.body)}`);
  };
  return {
    platform,
    ingestUrl: platform.ingestUrl!,
    demo,
    admin,
    sql,
    async addPolicy(name, rules, priority = 50) {
      const res = await admin.post('/v1/admin/policies', {
        name,
        type: 'OTHER',
        status: 'ACTIVE',
        priority,
        rules,
      });
      expectStatus(res, 201);
      return res.body.id as string;
    },
    async addTool(tool) {
      expectStatus(await admin.post('/v1/admin/tools', tool), 201);
    },
    async patchTool(id, change) {
      expectStatus(await admin.request('PATCH', `/v1/admin/tools/${id}`, change), 200);
    },
    async stop() {
      await sql.end();
      await platform.stop();
      await db.drop();
    },
  };
}
