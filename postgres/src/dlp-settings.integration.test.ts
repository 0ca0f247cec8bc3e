import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/pg.ts';
import { connectPostgres, type Sql } from './connect.ts';
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from './migrate.ts';
import {
  createCustomDetector,
  deleteCustomDetector,
  DuplicateDetectorNameError,
  updateCustomDetector,
  type CustomDetectorInput,
} from './queries/custom-detectors.ts';
import { getDlpSettings, putDlpSettings } from './queries/dlp-settings.ts';
import { listenForConfigChanges, loadOrgConfigs } from './queries/org-config.ts';

const detector: CustomDetectorInput = {
  name: 'Employee id',
  type: 'EMPLOYEE_ID',
  description: 'ACME employee numbers',
  pattern: 'EMP-\\d{6}',
  caseInsensitive: false,
  severity: 'HIGH',
  target: 'prompt',
  keywords: ['emp-'],
  validator: 'none',
  enabled: true,
};

describe('DLP settings and custom detectors in Postgres', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Sql;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = connectPostgres(db.url);
    // Only 00001 first: orgs that opted in to prompt snippets must come out as REDACTED_PROMPT.
    const first = mkdtempSync(join(tmpdir(), 'kairro-mig-'));
    copyFileSync(join(POSTGRES_MIGRATIONS_DIR, '00001_initial.sql'), join(first, '00001_initial.sql'));
    await migratePostgres(sql, first);
    // Orgs as the 00001 schema stores them (createOrg writes tables of later migrations).
    const newOrg = async (slug: string) =>
      (await sql<{ id: string }[]>`insert into orgs (name, slug) values (${slug}, ${slug}) returning id`)[0]!
        .id;
    orgA = await newOrg('a');
    orgB = await newOrg('b');
    await sql`update orgs set store_prompt_snippets = true where id = ${orgB}`;
    expect(await migratePostgres(sql)).toEqual([
      'dlp_settings.sql',
      'retention_and_teams.sql',
      'policy_management.sql',
      'shadow_ai.sql',
      'custom_tools_notify.sql',
    ]);
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  it('turns store_prompt_snippets into a log level and drops the column', async () => {
    expect((await getDlpSettings(sql, orgA)).logLevel).toBe('REDACTED_MATCHES');
    expect((await getDlpSettings(sql, orgB)).logLevel).toBe('REDACTED_PROMPT');
    const [column] = await sql`
      select 1 from information_schema.columns where table_name = 'orgs' and column_name = 'store_prompt_snippets'`;
    expect(column).toBeUndefined();
  });

  it('stores detectors per org, unique by name, and loads them into the org config', async () => {
    const created = await createCustomDetector(sql, orgA, detector, null);
    expect(created).toMatchObject({ ...detector, orgId: orgA });
    await expect(createCustomDetector(sql, orgA, detector, null)).rejects.toBeInstanceOf(
      DuplicateDetectorNameError,
    );
    await createCustomDetector(sql, orgB, detector, null); // same name, other org
    // Another org's id changes nothing.
    expect(await updateCustomDetector(sql, orgB, created.id, { ...detector, name: 'x' })).toBeUndefined();
    expect(await deleteCustomDetector(sql, orgB, created.id)).toBe(false);

    const configs = await loadOrgConfigs(sql);
    expect(configs.get(orgA)!.customDetectors.map((d) => d.id)).toEqual([created.id]);
    expect(configs.get(orgB)!.dlp.logLevel).toBe('REDACTED_PROMPT');
    expect(await deleteCustomDetector(sql, orgA, created.id)).toBe(true);
  });

  it('notifies a config change when settings or detectors change', async () => {
    const seen: string[] = [];
    const listener = await listenForConfigChanges(sql, (orgId) => seen.push(orgId));
    const saved = await putDlpSettings(sql, orgA, {
      allowlistValues: ['4111111111111111'],
      allowlistEmailDomains: ['acme.com'],
      allowTestCards: true,
      logLevel: 'METADATA_ONLY',
    });
    expect(saved.logLevel).toBe('METADATA_ONLY');
    const deadline = Date.now() + 5_000;
    while (!seen.includes(orgA) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await listener.unlisten();
    expect(seen).toContain(orgA);
    expect((await loadOrgConfigs(sql, [orgA])).get(orgA)!.dlp).toEqual(saved);
  });
});
