import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ClickHouse } from '@kairro/clickhouse';
import type { DlpMatchRecord, EventRecord, Severity } from '@kairro/core';
import { createOrg, createSession, createUser, type Role, type Sql } from '@kairro/postgres';
import { buildApiApp } from '../app.ts';
import { startTestStores } from './stores.ts';

export const DAY = 24 * 3_600_000;

/** A batch of identical stored events: who, where, what was found, how long ago. */
export interface EventSpec {
  user: string;
  tool: string;
  host?: string;
  findings?: Array<[detector: string, severity: Severity]>;
  count: number;
  daysAgo?: number;
  inputType?: string;
  promptTokens?: number;
}

export interface LabOrg {
  orgId: string;
  cookie: string;
  events: EventRecord[];
}

export interface PolicyLabWorld {
  app: FastifyInstance;
  sql: Sql;
  ch: ClickHouse;
  a: LabOrg;
  b: LabOrg;
  /** Org A's team Red (alice is its only member). */
  redTeamId: string;
  close(): Promise<void>;
}

const HOSTS: Record<string, string> = {
  chatgpt: 'chatgpt.com',
  claude: 'claude.ai',
  gemini: 'gemini.google.com',
  poe: 'poe.com',
};

/**
 * Org A's stored events, in the last 7 days unless said. With the default policies (HIGH → BLOCK,
 * MEDIUM → WARN, CRITICAL alerts) the actions were the ones in the comments.
 */
export const ORG_A_EVENTS: EventSpec[] = [
  { user: 'alice@a.example', tool: 'chatgpt', count: 4 }, // ALLOW
  { user: 'alice@a.example', tool: 'claude', findings: [['EMAIL', 'MEDIUM']], count: 3 }, // WARN
  { user: 'bob@a.example', tool: 'chatgpt', findings: [['CREDIT_CARD', 'CRITICAL']], count: 2 }, // BLOCK
  { user: 'bob@a.example', tool: 'claude', count: 5 }, // ALLOW
  { user: 'carol@a.example', tool: 'gemini', findings: [['IP_ADDRESS', 'LOW']], count: 2 }, // ALLOW
  {
    user: 'carol@a.example',
    tool: 'claude',
    findings: [
      ['EMAIL', 'MEDIUM'],
      ['IP_ADDRESS', 'LOW'],
    ],
    count: 1,
  }, // WARN
  { user: 'bob@a.example', tool: 'poe', findings: [['EMAIL', 'MEDIUM']], count: 2 }, // WARN (unapproved tool)
  { user: 'alice@a.example', tool: 'chatgpt', inputType: 'paste', promptTokens: 900, count: 2 }, // ALLOW
  { user: 'alice@a.example', tool: 'chatgpt', inputType: 'paste', promptTokens: 100, count: 1 }, // ALLOW
  { user: 'alice@a.example', tool: 'chatgpt', count: 3, daysAgo: 10 }, // ALLOW, outside 7 days
];

/** Org B: claude events that any claude rule of org A would count if isolation failed. */
export const ORG_B_EVENTS: EventSpec[] = [
  { user: 'zed@b.example', tool: 'claude', count: 6 },
  { user: 'zed@b.example', tool: 'claude', findings: [['EMAIL', 'MEDIUM']], count: 2 },
];

export function records(orgId: string, specs: EventSpec[], now: number) {
  const events: EventRecord[] = [];
  const matches: DlpMatchRecord[] = [];
  let n = 0;
  for (const spec of specs) {
    for (let i = 0; i < spec.count; i++) {
      const occurredAt = new Date(now - (spec.daysAgo ?? 1) * DAY - ++n * 60_000).toISOString();
      const eventId = randomUUID();
      const findings = spec.findings ?? [];
      events.push({
        event_id: eventId,
        org_id: orgId,
        occurred_at: occurredAt,
        endpoint_id: `ep-${spec.user}`,
        user_email: spec.user,
        team: '',
        tool: spec.tool,
        url_host: spec.host ?? HOSTS[spec.tool] ?? spec.tool,
        input_type: spec.inputType ?? '',
        model: '',
        prompt_tokens: spec.promptTokens ?? 20,
        action: 'ALLOW',
        risk_level: 'NONE',
        match_count: findings.length,
        detectors: [...new Set(findings.map(([d]) => d))],
        prompt_snippet: '',
        reasons: [],
        policy_ids: [],
        alerts: [],
        latency_ms: 1,
      });
      findings.forEach(([detector, severity], index) =>
        matches.push({
          event_id: eventId,
          org_id: orgId,
          occurred_at: occurredAt,
          user_email: spec.user,
          tool: spec.tool,
          match_index: index,
          detector,
          rule_id: detector.toLowerCase(),
          severity,
          target: 'prompt',
          start: 10 * index + 5,
          end: 10 * index + 12,
          snippet: `[${detector}]`,
        }),
      );
    }
  }
  return { events, matches };
}

/**
 * Two orgs on real Postgres and chDB with the default policies and tools. Org A: alice in team Red,
 * bob an identity without a team, carol never registered; its session is a VIEWER's. Org B: an
 * ANALYST's session.
 */
export async function buildPolicyLabWorld(): Promise<PolicyLabWorld> {
  const stores = await startTestStores();
  const { sql, ch } = stores;

  const suffix = randomUUID().slice(0, 8);
  const orgA = await createOrg(sql, { name: 'Org A', slug: `a-${suffix}` });
  const orgB = await createOrg(sql, { name: 'Org B', slug: `b-${suffix}` });
  const [team] = await sql<{ id: string }[]>`
    insert into teams (org_id, name) values (${orgA}, 'Red') returning id`;
  await sql`insert into identities (org_id, email, team_id) values (${orgA}, 'alice@a.example', ${team!.id})`;
  await sql`insert into identities (org_id, email) values (${orgA}, 'bob@a.example')`;
  await sql`insert into identities (org_id, email) values (${orgB}, 'zed@b.example')`;

  const now = Date.now();
  const makeOrg = async (orgId: string, role: Role, specs: EventSpec[]): Promise<LabOrg> => {
    const userId = await createUser(sql, {
      orgId,
      email: `${role.toLowerCase()}-${orgId}@example.com`,
      passwordHash: 'unused',
      role,
    });
    const token = await createSession(sql, { userId, orgId, ttlSeconds: 3600 });
    const { events, matches } = records(orgId, specs, now);
    await ch.client.insert({ table: 'events', values: events, format: 'JSONEachRow' });
    if (matches.length)
      await ch.client.insert({ table: 'dlp_matches', values: matches, format: 'JSONEachRow' });
    return { orgId, cookie: `kairro_session=${token}`, events };
  };
  const a = await makeOrg(orgA, 'VIEWER', ORG_A_EVENTS);
  const b = await makeOrg(orgB, 'ANALYST', ORG_B_EVENTS);

  const app = await buildApiApp({ sql, clickhouse: ch, secureCookies: false });
  return {
    app,
    sql,
    ch,
    a,
    b,
    redTeamId: team!.id,
    async close() {
      await app.close();
      await stores.close();
    },
  };
}
