import { listenForConfigChanges, loadOrgConfigs, type OrgConfig, type Sql } from '@kairro/postgres';

export interface OrgConfigCache {
  get(orgId: string): OrgConfig | undefined;
  /** Reloads one org now (also called on NOTIFY from any process). */
  refresh(orgId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps every org's compiled config in memory so an evaluation never waits on Postgres. Changes
 * arrive by LISTEN/NOTIFY within milliseconds; a periodic full reload covers a dropped connection.
 */
export async function createOrgConfigCache(
  sql: Sql,
  opts: { fullReloadMs?: number; onError?: (err: unknown) => void } = {},
): Promise<OrgConfigCache> {
  let configs = await loadOrgConfigs(sql);
  const onError = opts.onError ?? (() => {});

  const refresh = async (orgId: string) => {
    const fresh = await loadOrgConfigs(sql, [orgId]);
    const config = fresh.get(orgId);
    if (config) configs.set(orgId, config);
    else configs.delete(orgId);
  };
  const listener = await listenForConfigChanges(sql, (orgId) => {
    const reload = orgId ? refresh(orgId) : loadOrgConfigs(sql).then((all) => void (configs = all));
    reload.catch(onError);
  });
  const timer = setInterval(() => {
    loadOrgConfigs(sql)
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
