import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createOrg, createSession, createUser, dismissHost, insertTool, type Sql } from '@kairro/postgres';
import { buildApiApp } from '../app.ts';
import { startTestStores } from './stores.ts';

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
export const day = (ago: number) => new Date(today - ago * DAY).toISOString().slice(0, 10);
/** Whole days: the five before today. */
export const RANGE = `from=${day(5)}T00:00:00Z&to=${day(0)}T00:00:00Z`;
const TEAMS: Record<string, string> = { alice: 'Red', bob: 'Red', carol: 'Blue', zed: 'Green' };

let n = 0;
const at = (ago: number) => new Date(today - ago * DAY + 10 * 3_600_000 + n * 60_000).toISOString();
const id = () => `01938a3c-0000-7000-8000-${String(++n).padStart(12, '0')}`;

function sighting(org: string, user: string, tool: string, ago: number, extra: Record<string, string> = {}) {
  return {
    event_id: id(),
    org_id: org,
    occurred_at: at(ago),
    endpoint_id: `ep-${user}`,
    user_email: `${user}@example.com`,
    team: TEAMS[user],
    tool,
    url_host: tool.includes('.') ? tool : `${tool}.example`,
    category: '',
    action: 'ALLOW',
    severity: 'NONE',
    source: 'extension',
    detail: '',
    ...extra,
  };
}

function prompt(org: string, user: string, tool: string, ago: number, action: string, matches: number) {
  return {
    event_id: id(),
    org_id: org,
    occurred_at: at(ago),
    endpoint_id: `ep-${user}`,
    user_email: `${user}@example.com`,
    team: TEAMS[user],
    tool,
    url_host: 'chatgpt.com',
    action,
    risk_level: matches ? 'HIGH' : 'NONE',
    match_count: matches,
  };
}

function finding(event: ReturnType<typeof prompt> | ReturnType<typeof sighting>) {
  const { event_id, org_id, occurred_at, user_email, team, tool, action } = event;
  return {
    ...{ event_id, org_id, occurred_at, user_email, team, tool, action },
    match_index: 0,
    detector: 'CREDIT_CARD',
    rule_id: 'credit-card',
    severity: 'HIGH',
    target: 'prompt',
    start: 0,
    end: 10,
    snippet: '[CREDIT_CARD]',
  };
}

export type ShadowRow = ReturnType<typeof sighting>;

/** An org with one signed-in analyst. */
async function analystOrg(sql: Sql, name: string, suffix: string) {
  const orgId = await createOrg(sql, { name: `Org ${name}`, slug: `${name}-${suffix}` });
  const userId = await createUser(sql, {
    orgId,
    email: `admin-${name}-${suffix}@example.com`,
    passwordHash: 'unused',
    role: 'ANALYST',
  });
  return { orgId, cookie: `kairro_session=${await createSession(sql, { userId, orgId, ttlSeconds: 3600 })}` };
}

export interface ShadowUsageWorld {
  app: FastifyInstance;
  sql: Sql;
  orgs: { a: string; b: string };
  /** Session cookies of each org's analyst. */
  cookies: { a: string; b: string };
  /** Org a's shadow-AI events in the order they were made (the last is the `dlp` copy of a prompt). */
  shadowA: ShadowRow[];
  close(): Promise<void>;
}

/**
 * Two orgs on real Postgres and chDB, with shadow-AI events, prompts and DLP findings over the five
 * days before today, inserted as the writer inserts them (so the materialized views fill
 * `tool_usage_daily`). Org a approved `internal-gpt` and dismissed `dismissed.example`; org b's rows
 * name `zed@`, `b-only`, `org b` and team Green, so a leak is easy to spot.
 */
export async function buildShadowUsageWorld(): Promise<ShadowUsageWorld> {
  const stores = await startTestStores();
  const { sql, ch } = stores;
  const suffix = randomUUID().slice(0, 8);
  const orgA = await analystOrg(sql, 'a', suffix);
  const orgB = await analystOrg(sql, 'b', suffix);
  const [a, b] = [orgA.orgId, orgB.orgId];
  await insertTool(sql, a, {
    id: 'internal-gpt',
    name: 'Internal GPT',
    status: 'APPROVED',
    urlPatterns: ['https://gpt.internal.example/*'],
    applyPolicies: true,
    action: 'ALLOW',
    severity: 'LOW',
  });
  await dismissHost(sql, a, 'dismissed.example', { userId: null, email: 'admin@example.com' });

  const shadowA = [
    sighting(a, 'alice', 'chat.example-ai.dev', 3, {
      action: 'WARN',
      source: 'heuristic',
      detail: 'first',
    }),
    sighting(a, 'alice', 'manus', 3),
    sighting(a, 'alice', 'poe', 2, { action: 'BLOCK' }),
    sighting(a, 'bob', 'internal-gpt', 2),
    sighting(a, 'carol', 'chatgpt.com', 2),
    sighting(a, 'alice', 'poe', 1, { action: 'WARN' }),
    sighting(a, 'carol', 'poe', 1, { action: 'WARN' }),
    sighting(a, 'bob', 'dismissed.example', 1),
    sighting(a, 'bob', 'chat.example-ai.dev', 1, { detail: 'latest' }),
  ];
  const outside = sighting(a, 'alice', 'chat.example-ai.dev', 10, { detail: 'old' });
  const promptsA = [prompt(a, 'bob', 'chatgpt', 2, 'ALLOW', 0), prompt(a, 'alice', 'chatgpt', 1, 'BLOCK', 1)];
  // Ingest's shadow-AI copy of a prompt on a tool the org did not approve: listed, not counted twice.
  const { event_id, occurred_at } = promptsA[1]!;
  shadowA.push({
    ...sighting(a, 'alice', 'chatgpt', 1, { action: 'BLOCK', source: 'dlp', detail: 'prompt checked' }),
    event_id,
    occurred_at,
  });
  const shadowB = [
    ...[1, 1, 1].map(() => sighting(b, 'zed', 'chat.example-ai.dev', 1, { source: 'heuristic' })),
    sighting(b, 'zed', 'poe', 1, { action: 'BLOCK' }),
    sighting(b, 'zed', 'b-only.example', 2, { detail: 'org b' }),
  ];
  const promptsB = [prompt(b, 'zed', 'chatgpt', 1, 'BLOCK', 1)];
  // Several inserts, as the writer's batches make them, so the aggregate holds unmerged parts.
  const insert = (table: string, values: object[]) =>
    ch.client.insert({ table, values, format: 'JSONEachRow' });
  await insert('shadow_ai_events', shadowA.slice(0, 4));
  await insert('shadow_ai_events', [...shadowA.slice(4), outside]);
  await insert('shadow_ai_events', shadowB);
  await insert('events', [...promptsA, ...promptsB]);
  await insert('dlp_matches', [finding(promptsA[1]!), finding(shadowA[5]!), finding(promptsB[0]!)]);
  const app = await buildApiApp({ sql, clickhouse: ch, secureCookies: false });
  return {
    app,
    sql,
    orgs: { a, b },
    cookies: { a: orgA.cookie, b: orgB.cookie },
    shadowA,
    async close() {
      await app.close();
      await stores.close();
    },
  };
}
