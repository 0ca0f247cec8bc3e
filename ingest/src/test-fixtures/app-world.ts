import type { Sql } from '@kairro/postgres';
import type { RecordStream, StreamRecord } from '@kairro/stream';
import type { IngestDeps } from '../deps.ts';
import { compileOrgConfig, type IngestOrgConfig } from '../org-config.ts';
import { createTokenService } from '../tokens.ts';
import { orgConfig, policy, tool } from './org.ts';

export const tools = [
  tool({ id: 'claude', urlPatterns: ['https://claude.ai/*'] }),
  tool({ id: 'corp', urlPatterns: ['https://corp.example/*'], applyPolicies: false }),
  tool({ id: 'shadow', status: 'UNAPPROVED', urlPatterns: ['https://shadow.example/*'], action: 'WARN' }),
];
export const policies = [
  policy('Mask emails', [{ kind: 'DLP', action: 'MASK', criteria: { detectors: ['EMAIL'] } }]),
  policy('Pastes', [
    { kind: 'OTHER', action: 'ALERT', severity: 'LOW', criteria: { inputTypes: ['paste'] } },
  ]),
];

export interface Published {
  topic: string;
  records: Array<{ key: string; value: unknown }>;
}

/**
 * The ingest app's deps for `app.inject` tests: org configs from a map instead of Postgres (org-1,
 * and org-2 once set), a stream that records what is published, a fixed clock.
 */
export function ingestWorld() {
  const configs = new Map<string, IngestOrgConfig>();
  const setConfig = (over: Parameters<typeof orgConfig>[0] = {}, orgId = 'org-1') =>
    configs.set(orgId, compileOrgConfig(orgConfig({ tools, policies, orgId, ...over })));
  setConfig();
  const published: Published[] = [];
  const stream = {
    kind: 'memory',
    publish: async (topic: string, records: StreamRecord[]) =>
      void published.push({
        topic,
        records: records.map((r) => ({ key: r.key, value: 'json' in r ? JSON.parse(r.json) : r.value })),
      }),
    ready: async () => true,
  } as unknown as RecordStream;
  const tokens = createTokenService('test-secret');
  const deps: IngestDeps = {
    sql: {} as Sql,
    stream,
    configs: { get: (id) => configs.get(id), refresh: async () => {}, close: async () => {} },
    tokens,
    now: () => new Date('2026-06-01T00:00:00Z'),
    newEventId: () => '0190f1e0-0000-7000-8000-000000000001',
  };
  const token = (
    claims: Partial<{ orgId: string; licenseId: string; endpointId: string; email: string }> = {},
  ) =>
    tokens
      .issue({ orgId: 'org-1', endpointId: 'ep-1', licenseId: 'lic-1', email: 'ana@acme.com', ...claims })
      .then((t) => t.token);
  /** The values published to `topic`, in order. */
  const values = (topic: string) =>
    published.filter((p) => p.topic === topic).flatMap((p) => p.records.map((r) => r.value));
  return { deps, setConfig, published, values, token };
}
