import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ClickHouse } from '@kairro/clickhouse';
import type { DlpMatchRecord, EventRecord } from '@kairro/core';
import { compileOrgConfig } from '@kairro/ingest/org-config';
import {
  createLicense,
  createOrg,
  createSession,
  createUser,
  loadOrgConfigs,
  putDlpSettings,
  DEFAULT_DLP_SETTINGS,
  type Sql,
} from '@kairro/postgres';
import { decide } from '../../../ingest/src/decide.ts';
import { buildApiApp } from '../app.ts';
import { startTestStores } from './stores.ts';

export const HOUR = 3_600_000;

/** What one org published: the records exactly as ingest built them. */
export interface OrgData {
  orgId: string;
  licenseId: string;
  cookie: string;
  events: EventRecord[];
  matches: DlpMatchRecord[];
}

export interface AnalyticsWorld {
  app: FastifyInstance;
  sql: Sql;
  ch: ClickHouse;
  /** Start of the current hour when the world was built. */
  hour: number;
  a: OrgData;
  b: OrgData;
  close(): Promise<void>;
}

const PROMPTS = [
  'pay with card 4111 1111 1111 1111 please',
  'mail ana@acme-corp.com about the invoice',
  'write a haiku about spring',
  'card 5500 0000 0000 0004 and bob@corp-mail.com',
];
const URLS = ['https://chatgpt.com/', 'https://claude.ai/new', 'https://chat.unknown-ai.example/c/1'];

/**
 * Two orgs on real Postgres and chDB, with events made by ingest's own `decide` from each org's
 * config (retention, teams, log level) and inserted as the ClickHouse writer inserts them.
 * Org A: retention 30 days, alice in team Red, three users, 40 events over ~35 hours.
 * Org B: defaults except REDACTED_PROMPT (so prompt snippets exist), one user, 8 events.
 */
export async function buildAnalyticsWorld(): Promise<AnalyticsWorld> {
  const stores = await startTestStores();
  const { sql, ch } = stores;

  const suffix = randomUUID().slice(0, 8);
  const orgA = await createOrg(sql, { name: 'Org A', slug: `a-${suffix}` });
  const orgB = await createOrg(sql, { name: 'Org B', slug: `b-${suffix}` });
  await sql`update orgs set retention_days = 30 where id = ${orgA}`;
  const [team] = await sql<
    { id: string }[]
  >`insert into teams (org_id, name) values (${orgA}, 'Red') returning id`;
  await sql`insert into identities (org_id, email, team_id) values (${orgA}, 'alice@a.example', ${team!.id})`;
  await putDlpSettings(sql, orgB, { ...DEFAULT_DLP_SETTINGS, logLevel: 'REDACTED_PROMPT' });

  const hour = Math.floor(Date.now() / HOUR) * HOUR;
  const makeOrg = async (orgId: string, users: string[], count: number): Promise<OrgData> => {
    const license = await createLicense(sql, orgId, { expiresAt: new Date(Date.now() + 365 * 24 * HOUR) });
    const userId = await createUser(sql, {
      orgId,
      email: `admin-${orgId}@example.com`,
      passwordHash: 'unused',
      role: 'ANALYST',
    });
    const token = await createSession(sql, { userId, orgId, ttlSeconds: 3600 });
    const stored = (await loadOrgConfigs(sql, [orgId])).get(orgId)!;
    const config = compileOrgConfig(stored);
    const events: EventRecord[] = [];
    const matches: DlpMatchRecord[] = [];
    for (let i = 0; i < count; i++) {
      const email = users[i % users.length]!;
      const outcome = decide(
        { url: new URL(URLS[i % URLS.length]!), prompt: PROMPTS[i % PROMPTS.length]! },
        {
          claims: { orgId, endpointId: `ep-${email}`, licenseId: license.id, email },
          config,
          eventId: randomUUID(),
          // Distinct times, newest 2 h ago, 53 minutes apart.
          now: new Date(hour - 2 * HOUR - i * 53 * 60_000 - 7_000),
          startedAt: 0,
          clock: () => 1,
        },
      );
      events.push(outcome.event);
      matches.push(...outcome.matches);
    }
    // Two inserts per table, as two batches of the writer would.
    const half = Math.ceil(events.length / 2);
    for (const part of [events.slice(0, half), events.slice(half)])
      await ch.client.insert({ table: 'events', values: part, format: 'JSONEachRow' });
    for (const part of [matches.slice(0, half), matches.slice(half)])
      if (part.length) await ch.client.insert({ table: 'dlp_matches', values: part, format: 'JSONEachRow' });
    return { orgId, licenseId: license.id, cookie: `kairro_session=${token}`, events, matches };
  };
  const a = await makeOrg(orgA, ['alice@a.example', 'bob@a.example', 'carol@a.example'], 40);
  const b = await makeOrg(orgB, ['zed@b.example'], 8);

  const app = await buildApiApp({ sql, clickhouse: ch, secureCookies: false });
  return {
    app,
    sql,
    ch,
    hour,
    a,
    b,
    async close() {
      await app.close();
      await stores.close();
    },
  };
}
