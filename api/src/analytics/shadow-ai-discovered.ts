import type { ClickHouseClient } from '@clickhouse/client';
import { builtInCatalog, catalogToolForUrl } from '@kairro/catalog';
import { matchesUrlPattern } from '@kairro/core';
import { toIsoMs } from './range.ts';
import type { DayRange } from './shadow-ai-range.ts';

export interface DiscoveredHost {
  host: string;
  firstSeen: string;
  lastSeen: string;
  users: number;
  events: number;
  sources: string[];
  lastDetail: string;
}

/** At most this many hosts, the most recently seen first. */
const MAX_HOSTS = 1000;

/**
 * Tools seen in the org's shadow-AI events that nobody has classified: not a catalog id, not a key
 * in `known` (the org's ai_tools keys, its own tools' ids and dismissed hosts), and no host the
 * catalog's or the org's own tools' URL patterns already cover (sightings stored before ingest
 * classified by them keep the host as their tool).
 * Read from the raw sightings (`FINAL`), which carry the sources and details the aggregate lacks;
 * they are few next to prompt events.
 */
export async function discoveredHosts(
  ch: ClickHouseClient,
  orgId: string,
  range: DayRange,
  known: ReadonlySet<string>,
  /** The URL patterns of the org's own tools (shadow_ai_custom_tools). */
  ownPatterns: readonly string[] = [],
): Promise<DiscoveredHost[]> {
  const catalog = builtInCatalog();
  const exclude = [...new Set([...known, ...catalog.map((t) => t.id)])];
  const found = await ch
    .query({
      query: `
        SELECT tool, min(occurred_at) AS h_first, max(occurred_at) AS h_last,
               uniqExact(user_email) AS h_users, count() AS h_events,
               arraySort(groupUniqArray(source)) AS h_sources, argMax(detail, occurred_at) AS h_detail
        FROM shadow_ai_events FINAL
        WHERE org_id = {org:String} AND occurred_at >= toDateTime64({from:Date}, 3, 'UTC')
          AND occurred_at < toDateTime64({to:Date}, 3, 'UTC') AND tool NOT IN {exclude:Array(String)}
        GROUP BY tool
        ORDER BY h_last DESC, tool
        LIMIT {limit:UInt32}`,
      query_params: { org: orgId, from: range.from, to: range.to, exclude, limit: MAX_HOSTS },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<Record<string, string> & { h_sources: string[] }>());
  return found
    .filter((r) => !coveredByPatterns(r.tool ?? '', ownPatterns))
    .map((r) => ({
      host: r.tool ?? '',
      firstSeen: toIsoMs(r.h_first ?? ''),
      lastSeen: toIsoMs(r.h_last ?? ''),
      users: Number(r.h_users),
      events: Number(r.h_events),
      sources: r.h_sources,
      lastDetail: r.h_detail ?? '',
    }));
}

function coveredByPatterns(host: string, ownPatterns: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(`https://${host}/`);
  } catch {
    return false;
  }
  return (
    catalogToolForUrl(url, builtInCatalog()) !== null || ownPatterns.some((p) => matchesUrlPattern(p, url))
  );
}
