import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '@kairro/core';
import { loadOrgConfigs } from '@kairro/postgres';
import {
  buildAnalyticsWorld,
  HOUR,
  type AnalyticsWorld,
  type OrgData,
} from './test-fixtures/analytics-world.ts';

/**
 * The analytics API against real Postgres and chDB: event filters and pagination, exports, the
 * aggregates checked against the raw records, per-org retention and teams, and that no org ever
 * sees another's rows.
 */
let w: AnalyticsWorld;
beforeAll(async () => {
  w = await buildAnalyticsWorld();
});
afterAll(async () => {
  await w?.close();
});

const get = async (org: OrgData | undefined, url: string) => {
  const res = await w.app.inject({ method: 'GET', url, headers: org ? { cookie: org.cookie } : {} });
  let body: any = res.body;
  try {
    body = res.json();
  } catch {
    // text export
  }
  return { status: res.statusCode, body, text: res.body, headers: res.headers };
};
const newestFirst = (events: EventRecord[]) =>
  [...events].sort((x, y) => y.occurred_at.localeCompare(x.occurred_at)).map((e) => e.event_id);
const matchesOf = (org: OrgData, e: EventRecord) => org.matches.filter((m) => m.event_id === e.event_id);
const countBy = <T>(items: T[], key: (t: T) => string, weight: (t: T) => number = () => 1) => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + weight(item);
  return out;
};
const ids = (body: any) => body.events.map((e: any) => e.eventId);

describe('records carry the org config', () => {
  it('stamps retention from the org (default 400) and the employee team', async () => {
    // The fixture is a real mix of decisions, so the filters below have something to tell apart.
    expect(new Set(w.a.events.map((e) => e.action))).toEqual(new Set(['ALLOW', 'WARN', 'BLOCK']));
    expect(new Set(w.a.events.map((e) => e.retention_days))).toEqual(new Set([30]));
    expect(new Set(w.b.events.map((e) => e.retention_days))).toEqual(new Set([400]));
    expect(new Set(w.a.matches.map((m) => m.retention_days))).toEqual(new Set([30]));
    expect(w.a.events.filter((e) => e.team === 'Red').every((e) => e.user_email === 'alice@a.example')).toBe(
      true,
    );
    expect(w.a.events.filter((e) => e.user_email === 'alice@a.example').every((e) => e.team === 'Red')).toBe(
      true,
    );
    const rows = await w.ch.client
      .query({
        query: 'SELECT org_id, retention_days, count() AS n FROM events GROUP BY ALL ORDER BY n',
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ org_id: string; retention_days: number; n: string }>());
    expect(rows.map((r) => ({ ...r, n: Number(r.n) }))).toEqual([
      { org_id: w.b.orgId, retention_days: 400, n: 8 },
      { org_id: w.a.orgId, retention_days: 30, n: 40 },
    ]);
  });

  it('reloads a changed retention', async () => {
    await w.sql`update orgs set retention_days = 90 where id = ${w.a.orgId}`;
    expect((await loadOrgConfigs(w.sql, [w.a.orgId])).get(w.a.orgId)?.retentionDays).toBe(90);
    await w.sql`update orgs set retention_days = 30 where id = ${w.a.orgId}`;
  });
});

describe('GET /v1/admin/events', () => {
  const cases: Array<[string, (org: OrgData, e: EventRecord) => boolean]> = [
    ['', () => true],
    ['action=BLOCK,WARN', (_o, e) => e.action === 'BLOCK' || e.action === 'WARN'],
    ['severity=HIGH,CRITICAL', (_o, e) => e.risk_level === 'HIGH' || e.risk_level === 'CRITICAL'],
    ['detector=EMAIL', (_o, e) => e.detectors.includes('EMAIL')],
    ['tool=claude', (_o, e) => e.tool === 'claude'],
    ['user=ALICE@a.example', (_o, e) => e.user_email === 'alice@a.example'],
    ['team=Red', (_o, e) => e.team === 'Red'],
    ['tool=chatgpt&action=BLOCK', (_o, e) => e.tool === 'chatgpt' && e.action === 'BLOCK'],
    [
      'q=WITH%20CARD',
      (o, e) =>
        e.prompt_snippet.toLowerCase().includes('with card') ||
        matchesOf(o, e).some((m) => m.snippet.toLowerCase().includes('with card')),
    ],
    ['q=haiku', (_o, e) => e.prompt_snippet.includes('haiku')],
  ];

  it.each(cases)('filters %s exactly as the records say, per org', async (query, keep) => {
    for (const org of [w.a, w.b]) {
      const res = await get(org, `/v1/admin/events?limit=500&${query}`);
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual(newestFirst(org.events.filter((e) => keep(org, e))));
      expect(res.body.nextCursor).toBeNull();
    }
  });

  it('finds text in match snippets at the default log level and in prompt snippets when stored', async () => {
    expect(ids((await get(w.a, '/v1/admin/events?q=with%20card')).body).length).toBeGreaterThan(0);
    expect(ids((await get(w.a, '/v1/admin/events?q=haiku')).body)).toEqual([]);
    expect(ids((await get(w.b, '/v1/admin/events?q=haiku')).body).length).toBe(2);
  });

  it('filters on a time range given as from/to or hours', async () => {
    const times = w.a.events.map((e) => e.occurred_at).sort();
    const from = times[5]!;
    const to = times[15]!;
    const res = await get(w.a, `/v1/admin/events?limit=500&from=${from}&to=${to}`);
    expect(ids(res.body)).toEqual(
      newestFirst(w.a.events.filter((e) => e.occurred_at >= from && e.occurred_at < to)),
    );
    expect(ids(res.body)).toHaveLength(10);
    const recent = await get(w.a, '/v1/admin/events?limit=500&hours=6');
    const since = new Date(Date.now() - 6 * HOUR).toISOString();
    expect(ids(recent.body)).toEqual(newestFirst(w.a.events.filter((e) => e.occurred_at >= since)));
  });

  it('pages with the keyset cursor through a filtered view', async () => {
    for (const [query, keep] of [
      ['', () => true],
      ['action=ALLOW,WARN', (e: EventRecord) => e.action === 'ALLOW' || e.action === 'WARN'],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(
          w.a,
          `/v1/admin/events?limit=7&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.events.length).toBeLessThanOrEqual(7);
        seen.push(...ids(res.body));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toEqual(newestFirst(w.a.events.filter(keep)));
    }
  });

  it('returns the event fields, team included', async () => {
    const alice = w.a.events.find((e) => e.user_email === 'alice@a.example')!;
    const res = await get(w.a, `/v1/admin/events?user=alice@a.example&limit=500`);
    const view = res.body.events.find((e: any) => e.eventId === alice.event_id);
    expect(view).toMatchObject({
      userEmail: 'alice@a.example',
      team: 'Red',
      tool: alice.tool,
      action: alice.action,
      riskLevel: alice.risk_level,
      matchCount: alice.match_count,
      detectors: alice.detectors,
      occurredAt: alice.occurred_at,
    });
  });

  it('keeps GET /events/:id/dlp working, and only for the own org', async () => {
    const event = w.a.events.find((e) => e.match_count > 0)!;
    const res = await get(w.a, `/v1/admin/events/${event.event_id}/dlp`);
    expect(res.status).toBe(200);
    expect(res.body.matches.map((m: any) => m.detector)).toEqual(
      matchesOf(w.a, event).map((m) => m.detector),
    );
    expect((await get(w.b, `/v1/admin/events/${event.event_id}/dlp`)).status).toBe(404);
  });
});

describe('exports', () => {
  it('streams CSV with a header row, one row per event, newest first', async () => {
    const res = await get(w.a, '/v1/admin/events/export?format=csv&action=BLOCK');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    // Streamed: the length is not known up front, so the file was never assembled in memory.
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="kairro-events-\d{8}T\d{6}Z\.csv"$/,
    );
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'event_id,occurred_at,user_email,team,tool,url_host,action,risk_level,match_count,detectors,reasons,prompt_snippet',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(
      newestFirst(w.a.events.filter((e) => e.action === 'BLOCK')),
    );
    const alice = w.a.events.find((e) => e.user_email === 'alice@a.example' && e.action === 'BLOCK')!;
    expect(lines.find((l) => l.startsWith(alice.event_id))).toContain(
      `,alice@a.example,Red,${alice.tool},${alice.url_host},BLOCK,${alice.risk_level},${alice.match_count},${alice.detectors.join(';')},`,
    );
  });

  it('streams NDJSON equal to the list view, and stops at the row cap', async () => {
    const res = await get(w.a, '/v1/admin/events/export?format=ndjson&user=bob@a.example');
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename="kairro-events-.*\.ndjson"/);
    const rows = res.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const listed = await get(w.a, '/v1/admin/events?user=bob@a.example&limit=500');
    expect(rows).toEqual(listed.body.events);
    const capped = await get(w.a, '/v1/admin/events/export?format=ndjson&limit=3');
    expect(
      capped.text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).eventId),
    ).toEqual(newestFirst(w.a.events).slice(0, 3));
  });

  it('exports only the own org, with a header and nothing else when nothing matches', async () => {
    const b = await get(w.b, '/v1/admin/events/export?format=ndjson');
    expect(
      b.text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).eventId),
    ).toEqual(newestFirst(w.b.events));
    const none = await get(w.b, '/v1/admin/events/export?format=csv&user=alice@a.example');
    expect(none.text.trimEnd().split('\r\n')).toHaveLength(1);
  });
});

describe('analytics from the aggregates', () => {
  const range = () => ({
    from: new Date(w.hour - 48 * HOUR).toISOString(),
    to: new Date(w.hour + HOUR).toISOString(),
  });
  const qs = () => `from=${range().from}&to=${range().to}`;
  const inRange = <T extends { occurred_at: string }>(rows: T[]) =>
    rows.filter((r) => r.occurred_at >= range().from && r.occurred_at < range().to);

  it('DLP overview: severity, detector, top patterns, 7 days, ratios match the raw records', async () => {
    for (const org of [w.a, w.b]) {
      const res = await get(org, `/v1/admin/analytics/dlp?${qs()}`);
      expect(res.status).toBe(200);
      const matches = inRange(org.matches);
      const events = inRange(org.events);
      expect(res.body.from).toBe(range().from);
      expect(res.body.bySeverity).toEqual({
        LOW: 0,
        MEDIUM: 0,
        HIGH: 0,
        CRITICAL: 0,
        ...countBy(matches, (m) => m.severity),
      });
      expect(res.body.totalFindings).toBe(matches.length);
      const byDetector = Object.fromEntries(
        res.body.byDetector.map((d: any) => [d.detector, [d.findings, d.blocked, d.warned]]),
      );
      const expected: Record<string, number[]> = {};
      for (const m of matches) {
        const row = (expected[m.detector] ??= [0, 0, 0]);
        row[0]!++;
        if (m.action === 'BLOCK') row[1]!++;
        if (m.action === 'WARN') row[2]!++;
      }
      expect(byDetector).toEqual(expected);
      const patterns = Object.fromEntries(
        res.body.topPatterns.map((p: any) => [`${p.detector}/${p.ruleId}`, p.findings]),
      );
      expect(patterns).toEqual(countBy(matches, (m) => `${m.detector}/${m.rule_id}`));
      const high = (s: string) => s === 'HIGH' || s === 'CRITICAL';
      expect(res.body.highOrCriticalLast7Days).toEqual({
        findings: org.matches.filter((m) => high(m.severity)).length,
        events: org.events.filter((e) => high(e.risk_level)).length,
      });
      const blocked = events.filter((e) => e.action === 'BLOCK').length;
      const warned = events.filter((e) => e.action === 'WARN').length;
      expect(res.body.ratios).toEqual({
        events: events.length,
        flagged: events.filter((e) => e.match_count > 0).length,
        blocked,
        warned,
        blockRate: blocked / events.length,
        warnRate: warned / events.length,
      });
    }
  });

  it('agrees with counts computed in ClickHouse from the raw tables', async () => {
    const raw = await w.ch.client
      .query({
        query: `SELECT severity, count() AS n FROM dlp_matches FINAL
                WHERE org_id = {org:String} GROUP BY severity ORDER BY severity`,
        query_params: { org: w.a.orgId },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ severity: string; n: string }>());
    const res = await get(w.a, `/v1/admin/analytics/dlp?${qs()}`);
    for (const r of raw) expect(res.body.bySeverity[r.severity]).toBe(Number(r.n));
  });

  it('limits top patterns', async () => {
    const res = await get(w.a, `/v1/admin/analytics/dlp?${qs()}&top=1`);
    expect(res.body.topPatterns).toHaveLength(1);
  });

  it('DLP trend per hour and per day sums the records', async () => {
    const hourly = await get(w.a, `/v1/admin/analytics/dlp/trend?${qs()}&bucket=hour`);
    expect(hourly.status).toBe(200);
    const bucketOf = (iso: string, size: number) =>
      new Date(Math.floor(Date.parse(iso) / size) * size).toISOString();
    const got = (body: any) =>
      Object.fromEntries(body.points.map((p: any) => [`${p.start}|${p.severity}`, p.findings]));
    expect(got(hourly.body)).toEqual(
      countBy(inRange(w.a.matches), (m) => `${bucketOf(m.occurred_at, HOUR)}|${m.severity}`),
    );
    const daily = await get(w.a, `/v1/admin/analytics/dlp/trend?${qs()}&bucket=day&detector=CREDIT_CARD`);
    expect(got(daily.body)).toEqual(
      countBy(
        inRange(w.a.matches).filter((m) => m.detector === 'CREDIT_CARD'),
        (m) => `${bucketOf(m.occurred_at, 24 * HOUR)}|${m.severity}`,
      ),
    );
  });

  it('breaks down by user, tool and team with block/warn counts and findings', async () => {
    for (const [by, key] of [
      ['user', (e: EventRecord) => e.user_email],
      ['tool', (e: EventRecord) => e.tool],
      ['team', (e: EventRecord) => e.team ?? ''],
    ] as const) {
      const res = await get(w.a, `/v1/admin/analytics/breakdown?by=${by}&limit=100&${qs()}`);
      expect(res.status).toBe(200);
      const expected: Record<string, object> = {};
      for (const e of inRange(w.a.events)) {
        const row = (expected[key(e)] ??= {
          events: 0,
          blocked: 0,
          warned: 0,
          flagged: 0,
          findings: 0,
        }) as any;
        row.events++;
        if (e.action === 'BLOCK') row.blocked++;
        if (e.action === 'WARN') row.warned++;
        if (e.match_count > 0) row.flagged++;
        row.findings += e.match_count;
      }
      const got = Object.fromEntries(
        res.body.rows.map(({ key: k, users: _users, ...counts }: any) => [k, counts]),
      );
      expect(got).toEqual(expected);
      const events = res.body.rows.map((r: any) => r.events);
      expect(events).toEqual([...events].sort((x: number, y: number) => y - x));
    }
    const top = await get(w.a, `/v1/admin/analytics/breakdown?by=user&sort=blocked&limit=1&${qs()}`);
    const blockedBy = countBy(
      w.a.events.filter((e) => e.action === 'BLOCK'),
      (e) => e.user_email,
    );
    expect(top.body.rows[0].blocked).toBe(Math.max(...Object.values(blockedBy)));
    const teamOnly = await get(w.a, `/v1/admin/analytics/breakdown?by=user&team=Red&${qs()}`);
    expect(teamOnly.body.rows.map((r: any) => r.key)).toEqual(['alice@a.example']);
  });

  it('lists the AI tool inventory, shadow-AI events included', async () => {
    await w.ch.client.insert({
      table: 'shadow_ai_events',
      values: [
        {
          event_id: '01938a3c-0000-7000-8000-0000000000aa',
          org_id: w.a.orgId,
          occurred_at: new Date(w.hour - HOUR).toISOString(),
          endpoint_id: 'ep',
          user_email: 'dave@a.example',
          team: '',
          tool: 'claude',
          url_host: 'claude.ai',
          category: 'chat',
          action: 'WARN',
          severity: 'LOW',
          source: 'extension',
          detail: '',
          retention_days: 30,
        },
      ],
      format: 'JSONEachRow',
    });
    const res = await get(w.a, '/v1/admin/analytics/ai-tools');
    expect(res.status).toBe(200);
    const byTool = Object.fromEntries(res.body.tools.map((t: any) => [t.tool, t]));
    for (const tool of new Set(w.a.events.map((e) => e.tool))) {
      const events = w.a.events.filter((e) => e.tool === tool);
      const shadow = tool === 'claude' ? 1 : 0;
      const times = events.map((e) => e.occurred_at).sort();
      expect(byTool[tool]).toEqual({
        tool,
        category: tool === 'claude' ? 'chat' : '',
        firstSeen: times[0],
        lastSeen: shadow ? new Date(w.hour - HOUR).toISOString() : times.at(-1),
        users: new Set(events.map((e) => e.user_email)).size + shadow,
        events: events.length + shadow,
        prompts: events.length,
        blocked: events.filter((e) => e.action === 'BLOCK').length,
        warned: events.filter((e) => e.action === 'WARN').length + shadow,
      });
    }
  });
});

describe('org isolation', () => {
  it('never shows another org’s rows in events, exports or analytics', async () => {
    const bIds = new Set(w.b.events.map((e) => e.event_id));
    for (const url of ['/v1/admin/events?limit=500', '/v1/admin/events?limit=500&q=card']) {
      const res = await get(w.b, url);
      expect(ids(res.body).every((id: string) => bIds.has(id))).toBe(true);
    }
    const csv = await get(w.b, '/v1/admin/events/export?format=csv');
    for (const e of w.a.events) expect(csv.text).not.toContain(e.event_id);
    const overview = await get(w.b, '/v1/admin/analytics/dlp?hours=72');
    expect(overview.body.totalFindings).toBe(w.b.matches.length);
    expect(overview.body.ratios.events).toBe(w.b.events.length);
    const users = await get(w.b, '/v1/admin/analytics/breakdown?by=user&hours=72');
    expect(users.body.rows.map((r: any) => r.key)).toEqual(['zed@b.example']);
    const tools = await get(w.b, '/v1/admin/analytics/ai-tools');
    expect(tools.body.tools.reduce((n: number, t: any) => n + t.events, 0)).toBe(w.b.events.length);
    const trend = await get(w.b, '/v1/admin/analytics/dlp/trend?hours=72&bucket=day');
    expect(trend.body.points.reduce((n: number, p: any) => n + p.findings, 0)).toBe(w.b.matches.length);
  });
});

describe('validation and sessions', () => {
  const routes = [
    '/v1/admin/events',
    '/v1/admin/events/export',
    '/v1/admin/analytics/dlp',
    '/v1/admin/analytics/dlp/trend',
    '/v1/admin/analytics/breakdown?by=user',
    '/v1/admin/analytics/ai-tools',
  ];

  it.each(routes)('%s answers 401 without a session', async (url) => {
    const res = await get(undefined, url);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    '/v1/admin/events?action=DROP',
    '/v1/admin/events?action=BLOCK;DROP',
    '/v1/admin/events?severity=SEVERE',
    '/v1/admin/events?detector=credit_card',
    `/v1/admin/events?q=${'x'.repeat(101)}`,
    '/v1/admin/events?q=x',
    '/v1/admin/events?hours=1&from=2026-01-01T00:00:00Z',
    '/v1/admin/events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
    '/v1/admin/events?from=yesterday',
    '/v1/admin/events?cursor=not-a-cursor',
    '/v1/admin/events?limit=0',
    '/v1/admin/events?org=someone-else',
    '/v1/admin/events/export?format=xml',
    '/v1/admin/events/export?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
    '/v1/admin/analytics/dlp?hours=24&to=2026-01-01T00:00:00Z',
    '/v1/admin/events/export?limit=100001',
    '/v1/admin/analytics/dlp?top=21',
    '/v1/admin/analytics/dlp/trend?bucket=week',
    '/v1/admin/analytics/dlp/trend?bucket=hour&hours=5000',
    '/v1/admin/analytics/breakdown?by=email',
    '/v1/admin/analytics/breakdown?by=user&sort=user_email',
    '/v1/admin/analytics/ai-tools?limit=9999',
  ])('%s answers 400 with the error envelope and changes nothing', async (url) => {
    const count = async () =>
      w.ch.client
        .query({
          query: 'SELECT (SELECT count() FROM events) AS e, (SELECT sum(events) FROM events_hourly) AS h',
          format: 'JSONEachRow',
        })
        .then((r) => r.json());
    const before = await count();
    const res = await get(w.a, url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toMatch(/^(VALIDATION_FAILED|BAD_REQUEST)$/);
    expect(typeof res.body.error.message).toBe('string');
    expect(await count()).toEqual(before);
  });

  it('documents every route in OpenAPI', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/admin/events',
        '/v1/admin/events/export',
        '/v1/admin/events/{eventId}/dlp',
        '/v1/admin/analytics/dlp',
        '/v1/admin/analytics/dlp/trend',
        '/v1/admin/analytics/breakdown',
        '/v1/admin/analytics/ai-tools',
      ]),
    );
    expect(doc.paths['/v1/admin/events'].get.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining([
        'from',
        'to',
        'hours',
        'action',
        'severity',
        'detector',
        'tool',
        'user',
        'team',
        'q',
      ]),
    );
  });
});
