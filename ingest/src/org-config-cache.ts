import { listenForConfigChanges, loadOrgConfigs, type OrgConfig, type Sql } from '@kairro/postgres';
import { compileOrgConfig, type IngestOrgConfig } from './org-config.ts';

export interface OrgConfigCache {
  get(orgId: string): IngestOrgConfig | undefined;
  /** Reloads one org now (also called on NOTIFY from any process). */
  refresh(orgId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps every org's compiled config in memory so an evaluation never waits on Postgres. Changes
 * arrive by LISTEN/NOTIFY within milliseconds; a periodic full reload covers a dropped connection.
 * Custom detectors and policy regexes are compiled here, once per change, not per evaluation, and
 * the extension's policy document and its ETag are computed here too.
 */
export async function createOrgConfigCache(
  sql: Sql,
  opts: { fullReloadMs?: number; onError?: (err: unknown) => void } = {},
): Promise<OrgConfigCache> {
  const onError = opts.onError ?? (() => {});
  const compile = (config: OrgConfig): IngestOrgConfig => compileOrgConfig(config, onError);
  const loadAll = async () => new Map([...(await loadOrgConfigs(sql))].map(([id, c]) => [id, compile(c)]));
  let configs = await loadAll();

  // Reloads run one at a time, in the order they were asked for: run concurrently, a reload that
  // read Postgres before a change could finish after the one that read it after, and put the stale
  // config back. A reload that is queued but not started yet covers any later request for it.
  let queue: Promise<void> = Promise.resolve();
  const queuedOrgs = new Set<string>();
  let fullReloadQueued = false;
  const schedule = (job: () => Promise<void>) => (queue = queue.then(job).catch(onError));

  const refresh = (orgId: string): Promise<void> => {
    if (queuedOrgs.has(orgId)) return queue;
    queuedOrgs.add(orgId);
    return schedule(async () => {
      queuedOrgs.delete(orgId);
      const config = (await loadOrgConfigs(sql, [orgId])).get(orgId);
      if (config) configs.set(orgId, compile(config));
      else configs.delete(orgId);
    });
  };
  const reloadAll = (): Promise<void> => {
    if (fullReloadQueued) return queue;
    fullReloadQueued = true;
    return schedule(async () => {
      fullReloadQueued = false;
      configs = await loadAll();
    });
  };
  const listener = await listenForConfigChanges(sql, (orgId) => void (orgId ? refresh(orgId) : reloadAll()));
  const timer = setInterval(() => void reloadAll(), opts.fullReloadMs ?? 30_000);
  timer.unref();

  return {
    get: (orgId) => configs.get(orgId),
    refresh,
    async close() {
      clearInterval(timer);
      await listener.unlisten().catch(() => {});
      await queue;
    },
  };
}
