import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import { connectPostgres, createOrg, createUser, migratePostgres, type Sql } from '@kairro/postgres';
import { createTestDatabase } from '../../../test/helpers/pg.ts';
import { buildApiApp } from '../app.ts';
import { hashPassword } from '../auth/password.ts';

/**
 * The workbench against real chDB and Postgres: org A tries every trick we know to read org B's
 * rows. A query either fails with a 4xx or answers without one byte of org B.
 */
const B_MARK = 'ORGB_SECRET';

describe('SQL workbench', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Sql;
  let ch: ClickHouse;
  let app: FastifyInstance;
  let orgA: string;
  let orgB: string;
  let cookieA: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = connectPostgres(db.url, { max: 2 });
    await migratePostgres(sql);
    ch = await connectClickHouse({
      kind: 'embedded',
      path: join(mkdtempSync(join(tmpdir(), 'kairro-sql-')), 'clickhouse'),
      database: 'kairro',
    });
    await migrateClickHouse(ch.client);
    orgA = await createOrg(sql, { name: 'A', slug: 'a' });
    orgB = await createOrg(sql, { name: 'B', slug: 'b' });
    await createUser(sql, {
      orgId: orgA,
      email: 'analyst@a.example',
      passwordHash: await hashPassword('pw-a'),
      role: 'ANALYST',
    });
    await seed(ch, orgA, 'a', 3);
    await seed(ch, orgB, B_MARK, 4);
    app = await buildApiApp({ sql, clickhouse: ch, secureCookies: false });
    const login = await app.inject({
      method: 'POST',
      url: '/v1/admin/auth/login',
      payload: { email: 'analyst@a.example', password: 'pw-a' },
    });
    expect(login.statusCode).toBe(200);
    cookieA = String(login.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(async () => {
    await app?.close();
    await ch?.close();
    await sql?.end();
    await db?.drop();
  });

  const run = async (query: string, format?: 'json' | 'csv') => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/admin/sql',
      headers: { cookie: cookieA },
      payload: { sql: query, ...(format ? { format } : {}) },
    });
    return { status: res.statusCode, body: res.body, json: () => res.json() };
  };

  it('answers columns and rows of the org only', async () => {
    const res = await run('SELECT org_id, user_email FROM events ORDER BY user_email');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.columns).toEqual([
      { name: 'org_id', type: 'LowCardinality(String)' },
      { name: 'user_email', type: 'String' },
    ]);
    expect(body.rows).toEqual([0, 1, 2].map((i) => [orgA, `user${i}@a.example`]));
    expect(body.truncated).toBe(false);
    const count = await run('SELECT count() AS n FROM events FINAL');
    expect(count.json().rows).toEqual([['3']]);
  });

  it('lists the allowed tables and their columns', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/admin/sql/schema',
      headers: { cookie: cookieA },
    });
    expect(res.statusCode).toBe(200);
    const names = res.json().tables.map((t: { name: string }) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['events', 'dlp_matches', 'event_counts_hourly', 'user_events_daily']),
    );
    expect(names).not.toContain('schema_migrations');
    const anon = await app.inject({ method: 'GET', url: '/v1/admin/sql/schema' });
    expect(anon.statusCode).toBe(401);
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/admin/sql', '/v1/admin/sql/schema']));
  });

  // Each of these either fails cleanly (4xx) or answers, and never with org B's data.
  const attacks: [string, string][] = [
    ['plain select', 'SELECT * FROM events'],
    ['the per-user aggregate', 'SELECT * FROM user_events_daily'],
    ['the counts aggregate', `SELECT * FROM event_counts_hourly WHERE org_id != '__A__'`],
    ['where on the other org', `SELECT * FROM events WHERE org_id != '__A__'`],
    ['FINAL', 'SELECT * FROM events FINAL'],
    ['subquery', 'SELECT * FROM (SELECT * FROM (SELECT * FROM events))'],
    ['scalar subquery', 'SELECT (SELECT groupArray(user_email) FROM events) AS all_emails'],
    ['IN subquery', 'SELECT * FROM dlp_matches WHERE event_id IN (SELECT event_id FROM events)'],
    ['IN table', 'SELECT * FROM dlp_matches WHERE event_id IN events'],
    ['JOIN', 'SELECT * FROM events e JOIN dlp_matches d ON d.event_id = e.event_id'],
    ['self CROSS JOIN', 'SELECT a.user_email, b.user_email FROM events a CROSS JOIN events b'],
    ['UNION ALL', 'SELECT user_email FROM events UNION ALL SELECT snippet FROM dlp_matches'],
    ['UNION DISTINCT', 'SELECT user_email FROM events UNION DISTINCT SELECT user_email FROM events'],
    ['INTERSECT/EXCEPT', 'SELECT user_email FROM events EXCEPT SELECT snippet FROM dlp_matches'],
    ['CTE', 'WITH x AS (SELECT * FROM events) SELECT * FROM x'],
    ['CTE shadowing', 'WITH events AS (SELECT * FROM kairro.events) SELECT * FROM events'],
    ['qualified name', 'SELECT * FROM kairro.events'],
    ['backquoted', 'SELECT * FROM `kairro`.`events`'],
    ['default database', 'SELECT * FROM default.events'],
    ['odd casing and comments', 'sElEcT /* hi */ * -- there\n FrOm events'],
    ['system.tables', 'SELECT * FROM system.tables'],
    ['system in subquery', 'SELECT * FROM events WHERE 1 IN (SELECT 1 FROM system.one)'],
    ['system.parts (row counts of every org)', 'SELECT sum(rows) FROM system.parts'],
    ['information_schema', 'SELECT * FROM information_schema.tables'],
    ['schema_migrations', 'SELECT * FROM schema_migrations'],
    ['materialized view', 'SELECT * FROM events_hourly_mv'],
    ['table function numbers', 'SELECT * FROM numbers(10)'],
    ['table function merge', "SELECT * FROM merge('kairro', '.*')"],
    ['table function remote', "SELECT * FROM remote('127.0.0.1', kairro.events)"],
    ['table function cluster', "SELECT * FROM cluster('default', kairro.events)"],
    ['table function url', "SELECT * FROM url('http://127.0.0.1:1/', CSV, 'a String')"],
    ['table function file', "SELECT * FROM file('/etc/passwd', LineAsString)"],
    ['table function s3', "SELECT * FROM s3('http://127.0.0.1:1/b/k', CSV)"],
    ['table function view', 'SELECT * FROM view(SELECT * FROM kairro.events)'],
    ['file() scalar', "SELECT file('/etc/hostname')"],
    ['dictGet', "SELECT dictGet('d', 'x', 1)"],
    ['joinGet', "SELECT joinGet('kairro.events', 'user_email', 1)"],
    ['SETTINGS override', "SELECT * FROM events SETTINGS additional_table_filters={'events':'1'}"],
    [
      'nested SETTINGS override',
      "SELECT * FROM (SELECT * FROM events SETTINGS additional_table_filters={'x':'1'})",
    ],
    ['SETTINGS readonly', 'SELECT * FROM events SETTINGS readonly=0'],
    ['FORMAT', 'SELECT * FROM events FORMAT CSV'],
    ['INTO OUTFILE', "SELECT * FROM events INTO OUTFILE '/tmp/kairro-leak.csv'"],
    ['two statements', 'SELECT 1; SELECT * FROM system.tables'],
    ['DROP after SELECT', 'SELECT 1; DROP TABLE events'],
    ['semicolon in a literal', "SELECT 'x; DROP TABLE events' AS s"],
    ['INSERT', `INSERT INTO events (org_id) VALUES ('__A__')`],
    ['SET', "SET additional_table_filters = '{}'"],
    ['EXPLAIN', 'EXPLAIN SELECT * FROM system.tables'],
    ['SELECT from EXPLAIN', 'SELECT * FROM (EXPLAIN ESTIMATE SELECT * FROM events)'],
    ['SHOW', 'SHOW TABLES'],
    ['DESCRIBE', 'DESCRIBE TABLE events'],
    ['query parameter', 'SELECT * FROM events WHERE org_id = {org:String}'],
    ['very long query', `SELECT ${Array.from({ length: 4000 }, (_, i) => `${i}`).join(' + ')} FROM events`],
    ['deeply nested', `SELECT ${'('.repeat(3000)}1${')'.repeat(3000)}`],
  ];

  it.each(attacks)('%s never shows org B', async (_name, query) => {
    const res = await run(query.replaceAll('__A__', orgA));
    expect([200, 400, 422]).toContain(res.status);
    expect(res.body.toLowerCase()).not.toContain(B_MARK.toLowerCase());
    expect(res.body).not.toContain(orgB);
    if (res.status !== 200)
      expect(res.json().error.code).toMatch(
        /^(INVALID_SQL|SQL_NOT_ALLOWED|VALIDATION_FAILED|QUERY_LIMIT_EXCEEDED)$/,
      );
  });

  it.each([
    ['system tables', 'SELECT * FROM system.tables', /System tables/],
    ['table functions', 'SELECT * FROM numbers(10)', /Table functions/],
    ['other databases', 'SELECT * FROM default.events', /not default\.events/],
    ['SETTINGS', 'SELECT 1 SETTINGS max_threads = 1', /SETTINGS/],
    ['FORMAT', 'SELECT 1 FORMAT CSV', /FORMAT/],
    ['INTO OUTFILE', "SELECT 1 INTO OUTFILE 'x'", /INTO OUTFILE/],
    ['multiple statements', 'SELECT 1; SELECT 2', /Multi-statements/],
    ['non-SELECT', 'DROP TABLE events', /Only a single SELECT/],
    ['the file function', "SELECT file('/etc/hostname')", /file\(\) is not allowed/],
    ['unknown tables', 'SELECT * FROM schema_migrations', /schema_migrations is not available/],
  ])('says what is not allowed: %s', async (_name, query, message) => {
    const res = await run(query);
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });

  it('keeps the data intact and the session unfiltered after hostile queries', async () => {
    await run('SELECT 1; DROP TABLE events');
    const rows = await ch.client
      .query({
        query: "SELECT count() AS n, getSetting('readonly') AS ro FROM events",
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ n: string; ro: string }>());
    expect(rows.map((r) => [Number(r.n), Number(r.ro)])).toEqual([[7, 0]]);
  });

  it('answers a syntax error as INVALID_SQL', async () => {
    const res = await run('SELEC 1');
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('INVALID_SQL');
    const unknown = await run('SELECT nope FROM events');
    expect(unknown.json().error.code).toBe('INVALID_SQL');
    expect(unknown.json().error.message).toMatch(/nope/);
  });

  it('stops a slow query with QUERY_TIMEOUT and a hungry one with QUERY_LIMIT_EXCEEDED', async () => {
    const slow = await run(
      `SELECT sum(cityHash64(x, y, z)) FROM (SELECT arrayJoin(range(100000)) AS x FROM events) AS xs
       CROSS JOIN (SELECT arrayJoin(range(1000)) AS y FROM events) AS ys
       CROSS JOIN (SELECT match_count AS z FROM events) AS zs`,
    );
    expect(slow.status).toBe(422);
    expect(slow.json().error).toEqual({
      code: 'QUERY_TIMEOUT',
      message: 'The query ran longer than 10 s and was stopped.',
    });
    const hungry = await run('SELECT length(groupArray(range(5000000))) FROM events AS a, events AS b');
    expect(hungry.status).toBe(422);
    expect(hungry.json().error.code).toBe('QUERY_LIMIT_EXCEEDED');
    // chDB hands the output a failed query had written to the next query of its session: the
    // workbench drains its own session, so the next answer is exact.
    expect((await run('SELECT 1 AS ok')).json().rows).toEqual([[1]]);
  }, 60_000);

  it('caps the result and says so', async () => {
    const res = await run(
      'SELECT number FROM (SELECT arrayJoin(range(20000)) AS number FROM events LIMIT 20000)',
    );
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.rowCount).toBe(10_000);
    expect(body.truncated).toBe(true);
  });

  it('streams CSV with a header line', async () => {
    const res = await run('SELECT user_email, match_count FROM events ORDER BY user_email', 'csv');
    expect(res.status).toBe(200);
    expect(res.body).toBe(
      ['"user_email","match_count"', ...[0, 1, 2].map((i) => `"user${i}@a.example",${i}`), ''].join('\n'),
    );
    const bad = await run('SELECT * FROM system.tables', 'csv');
    expect(bad.status).toBe(400);
  });
});

async function seed(ch: ClickHouse, orgId: string, mark: string, n: number): Promise<void> {
  const events = Array.from({ length: n }, (_, i) => ({
    event_id: randomUUID(),
    org_id: orgId,
    occurred_at: '2026-03-01 10:00:00',
    endpoint_id: `${mark}-endpoint`,
    user_email: `user${i}@${mark.toLowerCase()}.example`,
    tool: 'chatgpt',
    url_host: 'chatgpt.com',
    action: 'WARN',
    risk_level: 'HIGH',
    match_count: i,
    detectors: ['EMAIL'],
    prompt_snippet: `${mark} prompt ${i}`,
    reasons: [mark],
    policy_ids: [],
    latency_ms: 1,
  }));
  await ch.client.insert({ table: 'events', values: events, format: 'JSONEachRow' });
  await ch.client.insert({
    table: 'dlp_matches',
    values: events.map((e) => ({
      event_id: e.event_id,
      org_id: orgId,
      occurred_at: e.occurred_at,
      match_index: 0,
      detector: 'EMAIL',
      rule_id: 'email',
      severity: 'HIGH',
      target: 'prompt',
      start: 0,
      end: 5,
      snippet: `${mark} snippet`,
    })),
    format: 'JSONEachRow',
  });
}
