/**
 * What the ClickHouse writer's integration suites share: record builders, and an embedded chDB
 * migrated once per suite, with a logger that collects errors and a row counter.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { connectClickHouse, migrateClickHouse, type ClickHouse } from '@kairro/clickhouse';
import type { DlpMatchRecord, EventRecord, ShadowAiEventRecord, WarnOverrideRecord } from '@kairro/core';

export function event(id: string, orgId = 'org-a'): EventRecord {
  return {
    event_id: id,
    org_id: orgId,
    occurred_at: '2026-11-22T10:00:00.123Z',
    endpoint_id: 'ep',
    user_email: 'a@example.com',
    tool: 'chatgpt',
    url_host: 'chatgpt.com',
    action: 'BLOCK',
    risk_level: 'CRITICAL',
    match_count: 1,
    detectors: ['CREDIT_CARD'],
    prompt_snippet: '',
    reasons: ['r'],
    policy_ids: [],
    latency_ms: 1.5,
  };
}

export function match(id: string, orgId = 'org-a'): DlpMatchRecord {
  return {
    event_id: id,
    org_id: orgId,
    occurred_at: '2026-11-22T10:00:00.123Z',
    tool: 'chatgpt',
    action: 'BLOCK',
    match_index: 0,
    detector: 'CREDIT_CARD',
    rule_id: 'credit-card',
    severity: 'CRITICAL',
    target: 'prompt',
    start: 3,
    end: 22,
    snippet: 'my [CREDIT_CARD] ok',
  };
}

export function sighting(
  id: string,
  orgId = 'org-a',
  occurredAt = '2026-11-22T10:00:00.123Z',
): ShadowAiEventRecord {
  return {
    event_id: id,
    org_id: orgId,
    occurred_at: occurredAt,
    endpoint_id: 'ep',
    user_email: 'a@example.com',
    team: '',
    tool: 'poe',
    url_host: 'poe.com',
    category: '',
    action: 'WARN',
    severity: 'MEDIUM',
    source: 'extension',
    detail: '',
    retention_days: 400,
  };
}

export function warnOverride(
  eventId: string,
  orgId = 'org-a',
  occurredAt = '2026-11-22T10:00:00.123Z',
): WarnOverrideRecord {
  return {
    event_id: eventId,
    org_id: orgId,
    occurred_at: occurredAt,
    endpoint_id: 'ep',
    user_email: 'a@example.com',
    team: '',
    justification: 'client deadline',
    retention_days: 400,
  };
}

/** Registers the suite's chDB set-up and tear-down; `ch` is usable from the first test on. */
export function writerWorld() {
  const world = {
    ch: undefined as unknown as ClickHouse,
    errors: [] as object[],
    logger: { error: (obj: object) => world.errors.push(obj) },
    count: async (table: string, id: string) => {
      const [row] = await world.ch.client
        .query({
          query: `SELECT count() AS n FROM ${table} FINAL WHERE event_id = {id:UUID}`,
          query_params: { id },
          format: 'JSONEachRow',
        })
        .then((r) => r.json<{ n: string }>());
      return Number(row!.n);
    },
  };
  beforeAll(async () => {
    world.ch = await connectClickHouse({
      kind: 'embedded',
      path: join(mkdtempSync(join(tmpdir(), 'kairro-w-')), 'ch'),
      database: 'kairro',
    });
    await migrateClickHouse(world.ch.client);
  });
  afterAll(async () => {
    await world.ch?.close();
  });
  return world;
}
