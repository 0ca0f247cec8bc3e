import { listenForConfigChanges, loadOrgConfigs, type OrgConfig, type Sql } from '@kairro/postgres';
import { compileOrgDlp, type IngestOrgConfig } from './org-dlp.ts';

export interface OrgConfigCache {
  get(orgId: string): IngestOrgConfig | undefined;
  /** Reloads one org now (also called on NOTIFY from any process). */
  refresh(orgId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps every org's compiled config in memory so an evaluation never waits on Postgres. Changes
 * arrive by LISTEN/NOTIFY within milliseconds; a periodic full reload covers a dropped connection.
 * Custom detectors are compiled here, once per change, not per evaluation.
 */
export async function createOrgConfigCache(
  sql: Sql,
  opts: { fullReloadMs?: number; onError?: (err: unknown) => void } = {},
): Promise<OrgConfigCache> {
  const onError = opts.onError ?? (() => {});
  const compile = (config: OrgConfig): IngestOrgConfig => ({
    ...config,
    scan: compileOrgDlp(config, onError),
  });
  const loadAll = async () => new Map([...(await loadOrgConfigs(sql))].map(([id, c]) => [id, compile(c)]));
  let configs = await loadAll();

  const refresh = async (orgId: string) => {
    const fresh = await loadOrgConfigs(sql, [orgId]);
    const config = fresh.get(orgId);
    if (config) configs.set(orgId, compile(config));
    else configs.delete(orgId);
  };
  const listener = await listenForConfigChanges(sql, (orgId) => {
    const reload = orgId ? refresh(orgId) : loadAll().then((all) => void (configs = all));
    reload.catch(onError);
  });
  const timer = setInterval(() => {
    loadAll()
      .then((all) => void (configs = all))
      .catch(onError);
  }, opts.fullReloadMs ?? 30_000);
  timer.unref();

  return {
    get: (orgId) => configs.get(orgId),
    refresh,
    async close() {
      clearInterval(timer);
      await listener.unlisten().catch(() => {});
    },
  };
}
