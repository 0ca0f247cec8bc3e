import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCustomTool } from '@kairro/postgres';
import { builtInCatalog, riskScore } from '@kairro/catalog';
import {
  buildShadowUsageWorld,
  day,
  RANGE,
  type ShadowRow,
  type ShadowUsageWorld,
} from '../test-fixtures/shadow-usage-world.ts';

/** Shadow-AI usage through the api on real Postgres and chDB: two orgs, read through the routes. */
describe('shadow-AI usage api', () => {
  let world: ShadowUsageWorld;
  let shadowA: ShadowRow[];

  beforeAll(async () => {
    world = await buildShadowUsageWorld();
    shadowA = world.shadowA;
  });
  afterAll(async () => {
    await world?.close();
  });

  const get = async (url: string, org: 'a' | 'b' = 'a') => {
    const res = await world.app.inject({ method: 'GET', url, headers: { cookie: world.cookies[org] } });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const json = async (url: string, org: 'a' | 'b' = 'a') => (await get(url, org)).json();
  /** Nothing of org b in an org a answer. */
  const noOrgB = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(/zed@|b-only|org b|Green/);

  it('counts each tool over the range: first/last seen, users, events, blocked, warned, findings', async () => {
    const body = await json(`/v1/admin/shadow-ai/inventory?${RANGE}`);
    noOrgB(body);
    const byTool = Object.fromEntries(body.tools.map((t: { tool: string }) => [t.tool, t]));
    expect(Object.keys(byTool).sort()).toEqual([
      'chat.example-ai.dev',
      'chatgpt',
      'chatgpt.com',
      'dismissed.example',
      'internal-gpt',
      'manus',
      'poe',
    ]);
    const poeRisk = riskScore(builtInCatalog().find((t) => t.id === 'poe')!.attributes);
    expect(body.tools[0]).toEqual({
      tool: 'poe',
      name: 'Poe',
      vendor: 'Quora',
      category: 'chat',
      status: 'unapproved', // a new org's default tool list leaves Poe unapproved
      riskScore: poeRisk.score,
      riskLevel: poeRisk.level,
      firstSeen: shadowA[2]!.occurred_at,
      lastSeen: shadowA[6]!.occurred_at,
      users: 2,
      events: 3,
      blocked: 1,
      warned: 2,
      findings: 1,
    });
    // Org b's three sightings of the same host are not counted.
    expect(byTool['chat.example-ai.dev']).toMatchObject({
      users: 2,
      events: 2,
      warned: 1,
      name: 'chat.example-ai.dev',
      category: '',
      status: 'unreviewed',
      riskScore: null,
    });
    // The org's decided tool: its name and decision, though no catalog entry knows it.
    expect(byTool['internal-gpt']).toMatchObject({ name: 'Internal GPT', status: 'approved', events: 1 });
    expect(byTool.chatgpt).toMatchObject({ users: 2, events: 2, blocked: 1, findings: 1 });
    expect(body.totals).toEqual({ tools: 7, users: 3, events: 11 });
    expect(body.trend).toEqual([
      { day: day(5), events: 0, users: 0 },
      { day: day(4), events: 0, users: 0 },
      { day: day(3), events: 2, users: 1 },
      { day: day(2), events: 4, users: 3 },
      { day: day(1), events: 5, users: 3 },
    ]);
  });

  it('filters the inventory by category and by decision, and exports the filtered table as CSV', async () => {
    const agents = await json(`/v1/admin/shadow-ai/inventory?${RANGE}&category=agents`);
    expect(agents.tools.map((t: { tool: string }) => t.tool)).toEqual(['manus']);
    expect(agents.totals).toEqual({ tools: 1, users: 1, events: 1 });
    expect(agents.trend.map((p: { events: number }) => p.events)).toEqual([0, 0, 1, 0, 0]);
    const approved = await json(`/v1/admin/shadow-ai/inventory?${RANGE}&status=approved`);
    expect(approved.tools.map((t: { tool: string }) => t.tool)).toEqual(['chatgpt', 'internal-gpt']);
    expect(approved.totals).toEqual({ tools: 2, users: 2, events: 3 });
    // No tool passes: zeros, not every tool's trend.
    const none = await json(`/v1/admin/shadow-ai/inventory?${RANGE}&category=image&status=approved`);
    expect([none.tools, none.totals]).toEqual([[], { tools: 0, users: 0, events: 0 }]);
    expect(none.trend.every((p: { events: number }) => p.events === 0)).toBe(true);
    const unreviewed = await json(`/v1/admin/shadow-ai/inventory?${RANGE}&status=unreviewed`);
    expect(unreviewed.tools.map((t: { tool: string }) => t.tool).sort()).toEqual([
      'chat.example-ai.dev',
      'chatgpt.com',
      'dismissed.example',
      'manus',
    ]);

    const csv = await get(`/v1/admin/shadow-ai/inventory?${RANGE}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="kairro-shadow-ai-inventory-/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'tool,name,vendor,category,status,riskScore,riskLevel,firstSeen,lastSeen,users,events,blocked,warned,findings',
    );
    const { score, level } = riskScore(builtInCatalog().find((t) => t.id === 'poe')!.attributes);
    expect(lines[1]).toBe(
      `poe,Poe,Quora,chat,unapproved,${score},${level},${shadowA[2]!.occurred_at},${shadowA[6]!.occurred_at},2,3,1,2,1`,
    );
    expect(lines).toHaveLength(8);
    noOrgB(csv.body);
    // The export is the filtered table: the decision filter applies to it too.
    const approvedCsv = (await get(`/v1/admin/shadow-ai/inventory?${RANGE}&status=approved&format=csv`)).body;
    expect(approvedCsv.trim().split('\r\n').slice(1)).toEqual([
      expect.stringMatching(/^chatgpt,ChatGPT,OpenAI,chat,approved,\d+,\w+,/),
      expect.stringMatching(/^internal-gpt,Internal GPT,,other,approved,\d+,\w+,/),
    ]);
  });

  it('refuses an unknown decision filter with a 400 and a JSON body', async () => {
    const res = await world.app.inject({
      method: 'GET',
      url: `/v1/admin/shadow-ai/inventory?${RANGE}&status=maybe`,
      headers: { cookie: world.cookies.a },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('details one tool: trend, users by events, the latest shadow-AI events', async () => {
    const poe = await json(`/v1/admin/shadow-ai/inventory/poe?${RANGE}`);
    noOrgB(poe);
    expect(poe).toMatchObject({ tool: 'poe', events: 3, blocked: 1, warned: 2, findings: 1 });
    expect(poe.users).toEqual([
      { user_email: 'alice@example.com', team: 'Red', events: 2, lastSeen: shadowA[5]!.occurred_at },
      { user_email: 'carol@example.com', team: 'Blue', events: 1, lastSeen: shadowA[6]!.occurred_at },
    ]);
    expect(poe.trend.slice(2)).toEqual([
      { day: day(3), events: 0, users: 0, blocked: 0, warned: 0 },
      { day: day(2), events: 1, users: 1, blocked: 1, warned: 0 },
      { day: day(1), events: 2, users: 2, blocked: 0, warned: 2 },
    ]);
    expect(poe.recent.map((e: { id: string }) => e.id)).toEqual(
      [shadowA[6], shadowA[5], shadowA[2]].map((e) => e!.event_id),
    );
    expect(poe.recent[0]).toEqual({
      id: shadowA[6]!.event_id,
      occurredAt: shadowA[6]!.occurred_at,
      tool: 'poe',
      urlHost: 'poe.example',
      category: '',
      userEmail: 'carol@example.com',
      team: 'Blue',
      endpointId: 'ep-carol',
      action: 'WARN',
      severity: 'NONE',
      source: 'extension',
      detail: '',
    });
    // A tool the org never used in the range: zeros, not an error.
    const unseen = await json(`/v1/admin/shadow-ai/inventory/b-only.example?${RANGE}`);
    expect(unseen).toMatchObject({ firstSeen: null, events: 0, users: [], recent: [] });
  });

  it('lists the tools of each user and of each team', async () => {
    const users = await json(`/v1/admin/shadow-ai/users?${RANGE}&by=user`);
    noOrgB(users);
    expect(users.rows.map((r: { user_email: string; events: number }) => [r.user_email, r.events])).toEqual([
      ['alice@example.com', 5],
      ['bob@example.com', 4],
      ['carol@example.com', 2],
    ]);
    expect(users.rows[0].team).toBe('Red');
    expect(users.rows[0].tools.map((t: { tool: string; events: number }) => [t.tool, t.events])).toEqual([
      ['poe', 2],
      ['chat.example-ai.dev', 1],
      ['chatgpt', 1],
      ['manus', 1],
    ]);
    const teams = await json(`/v1/admin/shadow-ai/users?${RANGE}&by=team`);
    expect(teams.rows.map((r: { team: string; events: number }) => [r.team, r.events])).toEqual([
      ['Red', 9],
      ['Blue', 2],
    ]);
    expect(teams.rows[0]).not.toHaveProperty('user_email');
    const blue = await json(`/v1/admin/shadow-ai/users?${RANGE}&by=user&team=Blue`);
    expect(blue.rows.map((r: { user_email: string }) => r.user_email)).toEqual(['carol@example.com']);
    const poe = await json(`/v1/admin/shadow-ai/users?${RANGE}&tool=poe&limit=1`);
    expect(poe.rows).toEqual([
      {
        user_email: 'alice@example.com',
        team: 'Red',
        events: 2,
        tools: [{ tool: 'poe', events: 2, lastSeen: shadowA[5]!.occurred_at }],
      },
    ]);
  });

  it('pages through the shadow-AI events newest first with filters and a cursor', async () => {
    const newest = [...shadowA].sort((x, y) => y.occurred_at.localeCompare(x.occurred_at));
    const pages = async (filters: string) => {
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 20; i++) {
        const page = await json(`/v1/admin/shadow-ai/events?${RANGE}&limit=2${filters}${cursor}`);
        noOrgB(page);
        seen.push(...page.events.map((e: { id: string }) => e.id));
        if (!page.nextCursor) break;
        cursor = `&cursor=${page.nextCursor}`;
      }
      return seen;
    };
    const ids = (keep: (e: (typeof shadowA)[number]) => boolean) =>
      newest.filter(keep).map((e) => e.event_id);
    expect(await pages('')).toEqual(ids(() => true));
    expect(await pages('&action=WARN,BLOCK')).toEqual(ids((e) => e.action !== 'ALLOW'));
    expect(await pages('&source=heuristic')).toEqual(ids((e) => e.source === 'heuristic'));
    expect(await pages('&user=ALICE@example.com&tool=poe')).toEqual(
      ids((e) => e.user_email.startsWith('alice') && e.tool === 'poe'),
    );
    expect(await pages('&team=Blue')).toEqual(ids((e) => e.team === 'Blue'));
    // Without a range: the older sighting too, and still none of org b.
    expect((await json('/v1/admin/shadow-ai/events?limit=500')).events).toHaveLength(shadowA.length + 1);
    const bad = await world.app.inject({
      method: 'GET',
      url: '/v1/admin/shadow-ai/events?cursor=nope',
      headers: { cookie: world.cookies.a },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the filtered view as streamed CSV and NDJSON', async () => {
    const csv = await get(`/v1/admin/shadow-ai/events?${RANGE}&format=csv&limit=1`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/filename="kairro-shadow-ai-events-.*\.csv"/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'event_id,occurred_at,tool,url_host,category,user_email,team,endpoint_id,action,severity,source,detail',
    );
    expect(lines).toHaveLength(shadowA.length + 1); // the whole view, not one page
    noOrgB(csv.body);
    const nd = await get(`/v1/admin/shadow-ai/events?${RANGE}&format=ndjson&tool=poe`);
    expect(nd.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const rows = nd.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual([shadowA[6], shadowA[5], shadowA[2]].map((e) => e!.event_id));
  });

  it('queues discovered hosts: no catalog tool or host, no org tool, nothing dismissed', async () => {
    const body = await json(`/v1/admin/shadow-ai/discovered?${RANGE}`);
    expect(body.hosts).toEqual([
      {
        host: 'chat.example-ai.dev',
        firstSeen: shadowA[0]!.occurred_at,
        lastSeen: shadowA[8]!.occurred_at,
        users: 2,
        events: 2,
        sources: ['extension', 'heuristic'],
        lastDetail: 'latest',
      },
    ]);
    const b = await json(`/v1/admin/shadow-ai/discovered?${RANGE}`, 'b');
    expect(b.hosts.map((h: { host: string; events: number }) => [h.host, h.events])).toEqual([
      ['chat.example-ai.dev', 3],
      ['b-only.example', 1],
    ]);
    expect(b.hosts[0].sources).toEqual(['heuristic']);
  });

  it('takes a host out of the queue once the org describes it as its own tool', async () => {
    await insertCustomTool(world.sql, world.orgs.b, {
      id: 'b-assistant',
      name: 'B assistant',
      vendor: '',
      category: 'chat',
      domains: ['b-only.example'],
      urlPatterns: ['https://b-only.example/*'],
      attributes: {},
    });
    const b = await json(`/v1/admin/shadow-ai/discovered?${RANGE}`, 'b');
    expect(b.hosts.map((h: { host: string }) => h.host)).toEqual(['chat.example-ai.dev']);
    // Org a never described it: its queue is unchanged.
    const a = await json(`/v1/admin/shadow-ai/discovered?${RANGE}`);
    expect(a.hosts.map((h: { host: string }) => h.host)).toEqual(['chat.example-ai.dev']);
  });

  it('shows org b only its own rows in every view', async () => {
    const inv = await json(`/v1/admin/shadow-ai/inventory?${RANGE}`, 'b');
    expect(inv.totals).toEqual({ tools: 4, users: 1, events: 6 });
    expect(JSON.stringify(inv)).not.toMatch(/alice|bob|carol|manus|internal-gpt/);
    const users = await json(`/v1/admin/shadow-ai/users?${RANGE}`, 'b');
    expect(users.rows.map((r: { user_email: string }) => r.user_email)).toEqual(['zed@example.com']);
    const events = await json(`/v1/admin/shadow-ai/events?limit=500`, 'b');
    expect(events.events).toHaveLength(5);
    const tool = await json(`/v1/admin/shadow-ai/inventory/poe?${RANGE}`, 'b');
    expect(tool).toMatchObject({ events: 1, blocked: 1, warned: 0, findings: 0 });
    expect(tool.users.map((u: { user_email: string }) => u.user_email)).toEqual(['zed@example.com']);
  });

  it('needs a session', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/v1/admin/shadow-ai/inventory' });
    expect(res.statusCode).toBe(401);
  });
});
