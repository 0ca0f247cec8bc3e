import {
  DEFAULT_RETENTION_DAYS,
  resolveTool,
  type Action,
  type RiskLevel,
  type ShadowAiEventRecord,
  type ShadowAiSource,
  type ToolConfig,
} from '@kairro/core';
import { shippedCatalog, type ToolCatalog } from './catalog.ts';
import { customToolForUrl, toolCategory } from './custom-tools.ts';
import type { IngestOrgConfig } from './org-config.ts';
import type { Sighting } from './schemas.ts';
import { sightingEventId } from './sighting-ids.ts';
import type { EndpointClaims } from './tokens.ts';
import { storableUserText } from './user-text.ts';

/** Sightings older than this are refused: the extension flushes within minutes, retries within days. */
export const MAX_SIGHTING_AGE_MS = 7 * 24 * 3600 * 1000;
/** Stored detail: the client's ≤ 200 characters plus the applied-action note, redacted. */
const MAX_STORED_DETAIL = 256;

export type SightingsOutcome = { ok: true; records: ShadowAiEventRecord[] } | { ok: false; invalid: string };

/**
 * Turns the extension's sightings into shadow-AI records, classified by the org's own tool lists
 * (those `GET /v1/extension/policy` serves), then the org's custom tools, then the AI tool catalog,
 * never by what the client claims:
 * - a tool of the org: its id; unapproved → its configured action and severity, approved → ALLOW;
 *   the category is the catalog's (or the custom tool's) when the id is a catalog (custom) id;
 * - a custom tool of the org without a decision: its id and category, severity NONE (the org has
 *   not rated it), source `extension`;
 * - a catalog tool: the same, with the catalog's id and category;
 * - none: the host is the tool (a "discovered" candidate), category '', severity NONE, source
 *   `heuristic` when the extension guessed, else `extension`.
 * The action of the last three is what the extension applied. When the extension applied something
 * else than the org's action (its policy was stale), the stored detail starts with `[applied X]`,
 * so the record keeps both. A repeated id in one request is recorded once. All or nothing: one
 * invalid sighting refuses the request, naming the field.
 */
export function buildShadowEvents(
  sightings: readonly Sighting[],
  ctx: { claims: EndpointClaims; config: IngestOrgConfig; now: Date; catalog?: ToolCatalog },
): SightingsOutcome {
  const { claims, config } = ctx;
  const catalog = ctx.catalog ?? shippedCatalog();
  const now = ctx.now.getTime();
  const team = config.teams.get(claims.email.toLowerCase()) ?? '';
  const retentionDays = config.retentionDays || DEFAULT_RETENTION_DAYS;
  const records: ShadowAiEventRecord[] = [];
  const seen = new Set<string>();
  for (const [i, sighting] of sightings.entries()) {
    const url = pageUrl(sighting.url);
    if (!url) return invalid(`events[${i}].url must be an absolute http(s) URL, got ${quote(sighting.url)}`);
    const sentAt = Date.parse(sighting.occurredAt);
    if (Number.isNaN(sentAt) || sentAt < now - MAX_SIGHTING_AGE_MS)
      return invalid(
        `events[${i}].occurredAt must be an ISO-8601 time within the last 7 days, got ` +
          `${quote(sighting.occurredAt)}; drop sightings that old instead of retrying them.`,
      );
    if (seen.has(sighting.id)) continue;
    seen.add(sighting.id);
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    const tool = resolveTool(url, config.tools);
    const known = tool
      ? { id: tool.id, category: toolCategory(tool.id, config.customTools, catalog) }
      : (customToolForUrl(url, config.customTools) ?? catalog.toolForUrl(url));
    const action: Action = tool ? configuredAction(tool) : sighting.appliedAction;
    const severity: RiskLevel = tool?.status === 'UNAPPROVED' ? tool.severity : 'NONE';
    const source: ShadowAiSource = !known && sighting.signal === 'heuristic' ? 'heuristic' : 'extension';
    const note = sighting.appliedAction === action ? '' : `[applied ${sighting.appliedAction}]`;
    const detail = [note, sighting.detail ?? ''].filter(Boolean).join(' ');
    records.push({
      event_id: sightingEventId(
        { orgId: claims.orgId, endpointId: claims.endpointId, clientId: sighting.id },
        sentAt,
      ),
      org_id: claims.orgId,
      // A clock ahead of ours is taken as now: no sighting lands in the future.
      occurred_at: new Date(Math.min(sentAt, now)).toISOString(),
      endpoint_id: claims.endpointId,
      user_email: claims.email,
      team,
      tool: known?.id ?? host,
      url_host: host,
      category: known?.category ?? '',
      action,
      severity,
      source,
      detail: storableUserText(detail, config.scan, MAX_STORED_DETAIL),
      retention_days: retentionDays,
    });
  }
  return { ok: true, records };
}

/** What the org set for its tool: an approved one is allowed, an unapproved one has its action. */
const configuredAction = (tool: ToolConfig): Action => (tool.status === 'APPROVED' ? 'ALLOW' : tool.action);

/** The page as an http(s) URL with its query and fragment dropped (they may hold anything). */
function pageUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  return url;
}

const invalid = (message: string): SightingsOutcome => ({ ok: false, invalid: message });
const quote = (s: string): string => JSON.stringify(s.slice(0, 100));
