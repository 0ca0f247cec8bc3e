import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicies, defaultTools, type Policy } from '@kairro/core';
import { createTestDatabase } from '../../test/helpers/pg.ts';
import { freePort } from '../../test/helpers/ports.ts';
import { connectPostgres, ensureDatabase, type Sql } from './connect.ts';
import { startEmbeddedPostgres, stopOrphanedPostmaster } from './embedded.ts';
import { migratePostgres } from './migrate.ts';
import { findLicenseByKey } from './queries/licenses.ts';
import { registerEndpoint } from './queries/endpoints.ts';
import { listenForConfigChanges, loadOrgConfigs } from './queries/org-config.ts';
import { ensureDefaultPolicies, ensureDefaultTools } from './queries/defaults.ts';
import { seedDemoOrg } from './seed.ts';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kairro-pg-'));
  chmodSync(dir, 0o755); // the cluster runs as the postgres OS user when tests run as root
  return dir;
}

interface Target {
  url: string;
  close(): Promise<void>;
}

const targets: Array<[string, () => Promise<Target>]> = [
  [
    'PostgreSQL server (production path)',
    async () => {
      const db = await createTestDatabase();
      return { url: db.url, close: db.drop };
    },
  ],
  [
    'embedded Postgres',
    async () => {
      const pg = await startEmbeddedPostgres({
        dir: join(tempDir(), 'pg'),
        port: await freePort(),
        password: 'pw',
      });
      const url = pg.url.replace(/\/postgres$/, '/kairro');
      await ensureDatabase(url);
      return { url, close: pg.stop };
    },
  ],
];

describe.each(targets)('config store on %s', (_name, open) => {
  let target: Target;
  let sql: Sql;
  const deps = {
    hashPassword: async (p: string) => `hashed:${p}`,
    randomPassword: () => 'pw-123',
    now: new Date(),
  };

  beforeAll(async () => {
    target = await open();
    sql = connectPostgres(target.url);
  });
  afterAll(async () => {
    await sql?.end();
    await target?.close();
  });

  it('applies migrations once, even when two processes migrate at the same time', async () => {
    const other = connectPostgres(target.url);
    const [a, b] = await Promise.all([migratePostgres(sql), migratePostgres(other)]);
    await other.end();
    expect([...a, ...b]).toEqual([
      'initial.sql',
      'dlp_settings.sql',
      'retention_and_teams.sql',
      'policy_management.sql',
      'shadow_ai.sql',
      'custom_tools_notify.sql',
    ]);
    expect(await migratePostgres(sql)).toEqual([]);
    const tables = await sql<
      { tablename: string }[]
    >`select tablename from pg_tables where schemaname = 'public'`;
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(['orgs', 'users', 'licenses', 'policies']),
    );
  });

  it('seeds the demo org once, with default policies and a license stored only as a hash', async () => {
    const demo = await seedDemoOrg(sql, deps);
    expect(demo).not.toBeNull();
    expect(await seedDemoOrg(sql, deps)).toBeNull();
    const [stored] = await sql`select key_hash, key_prefix from licenses`;
    expect(stored!.key_hash).not.toContain(demo!.licenseKey);
    expect(demo!.licenseKey.startsWith(stored!.key_prefix)).toBe(true);
    const license = await findLicenseByKey(sql, demo!.licenseKey);
    expect(license).toMatchObject({ orgId: demo!.orgId, status: 'ACTIVE' });
    expect(await findLicenseByKey(sql, `${demo!.licenseKey}x`)).toBeUndefined();

    await ensureDefaultPolicies(sql, demo!.orgId); // idempotent
    await ensureDefaultTools(sql, demo!.orgId);
    const config = (await loadOrgConfigs(sql)).get(demo!.orgId)!;
    expect(config.dlp.logLevel).toBe('REDACTED_MATCHES');
    expect(config.customDetectors).toEqual([]);
    expect(config.customTools).toEqual([]);
    const strip = ({ id: _id, rules, ...p }: Policy) => ({ ...p, rules: rules.map(({ id: _r, ...r }) => r) });
    const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
    expect(config.policies.map(strip).sort(byName)).toEqual(
      defaultPolicies()
        .map((p) => ({ ...p, rules: p.rules.map((r) => ({ description: '', ...r })) }))
        .sort(byName),
    );
    expect(config.tools.map((t) => t.id).sort()).toEqual(
      defaultTools()
        .map((t) => t.id)
        .sort(),
    );
    expect([...config.licenses.values()][0]!.status).toBe('ACTIVE');
  });

  it('registers an endpoint idempotently per browser profile', async () => {
    const [org] = await sql<{ id: string }[]>`select id from orgs`;
    const [lic] = await sql<{ id: string }[]>`select id from licenses`;
    const input = {
      orgId: org!.id,
      licenseId: lic!.id,
      endpointKey: 'profile-1',
      email: 'Ann@X.com',
      userAgent: null,
    };
    const first = await registerEndpoint(sql, input);
    const second = await registerEndpoint(sql, { ...input, userAgent: 'chrome' });
    expect(second).toEqual(first);
    const [identity] = await sql`select email from identities where id = ${first.identityId}`;
    expect(identity!.email).toBe('ann@x.com');
  });

  it('notifies listeners of a config change with the org id', async () => {
    const [org] = await sql<{ id: string }[]>`select id from orgs`;
    const seen: string[] = [];
    const listener = await listenForConfigChanges(sql, (orgId) => seen.push(orgId));
    await sql`update policies set priority = priority + 1 where org_id = ${org!.id}`;
    const deadline = Date.now() + 5_000;
    while (!seen.includes(org!.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await listener.unlisten();
    expect(seen).toContain(org!.id);
  });
});

describe('embedded Postgres after its parent was killed', () => {
  it('stops the orphaned postmaster and starts again on the same data', async () => {
    const dir = join(tempDir(), 'pg');
    const port = await freePort();
    const fixture = new URL('../test-fixtures/start-embedded.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, String(port), 'pw'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const orphan = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow(); // still running, holding the cluster

    expect(await stopOrphanedPostmaster(dir)).toBe('stopped');
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    const pg = await startEmbeddedPostgres({ dir, port, password: 'pw' });
    const sql = connectPostgres(pg.url);
    try {
      expect((await sql`select 1 as ok`)[0]).toEqual({ ok: 1 });
    } finally {
      await sql.end();
      await pg.stop();
    }
  });
});
