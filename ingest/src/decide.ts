import {
  DEFAULT_RETENTION_DAYS,
  evaluate,
  redactText,
  scanText,
  truncate,
  type Decision,
  type DlpMatchRecord,
  type DlpResult,
  type EventRecord,
  type ShadowAiEventRecord,
} from '@kairro/core';
import { shippedCatalog, type ToolCatalog } from './catalog.ts';
import { evaluationContext, type EvaluationRequest } from './context.ts';
import { toolCategory } from './custom-tools.ts';
import type { IngestOrgConfig } from './org-config.ts';
import type { EndpointClaims } from './tokens.ts';

export type { EvaluationRequest } from './context.ts';

export interface DecisionOutcome {
  decision: Decision;
  dlp: DlpResult;
  event: EventRecord;
  matches: DlpMatchRecord[];
  /** On a tool the org did not approve: the prompt as a shadow-AI event (source `dlp`), else null. */
  shadow: ShadowAiEventRecord | null;
}

/**
 * Scans the prompt, applies the org's policies and builds the records to publish. Everything here
 * is in memory: the org config comes from the cache, the clock and id are passed in. The records
 * never hold the raw prompt, the completion or the mask mapping.
 */
export function decide(
  req: EvaluationRequest,
  ctx: {
    claims: EndpointClaims;
    config: IngestOrgConfig;
    eventId: string;
    now: Date;
    startedAt: number;
    clock: () => number;
    /** Default: the shipped catalog, for the shadow record's category (or the custom tool's). */
    catalog?: ToolCatalog;
  },
): DecisionOutcome {
  const { detectors, allowlist, logLevel } = ctx.config.scan;
  const dlp = scanText(req.prompt, { target: 'prompt', detectors, allowlist });
  const license = ctx.config.licenses.get(ctx.claims.licenseId) ?? {
    status: 'REVOKED' as const,
    expiresAt: new Date(0).toISOString(),
  };
  const context = evaluationContext(req, ctx.claims.email, ctx.config);
  const decision = evaluate({ now: ctx.now, license, policies: ctx.config.policy.policies, dlp, context });
  const { toolId: tool, host } = context;
  const occurredAt = ctx.now.toISOString();
  const team = ctx.config.teams.get(ctx.claims.email.toLowerCase()) ?? '';
  const retentionDays = ctx.config.retentionDays || DEFAULT_RETENTION_DAYS;
  const event: EventRecord = {
    event_id: ctx.eventId,
    org_id: ctx.claims.orgId,
    occurred_at: occurredAt,
    endpoint_id: ctx.claims.endpointId,
    user_email: ctx.claims.email,
    team,
    tool,
    url_host: host,
    input_type: req.inputType ?? '',
    model: req.model ?? '',
    prompt_tokens: context.promptTokens,
    action: decision.action,
    risk_level: decision.riskLevel,
    match_count: dlp.summary.totalMatches,
    detectors: dlp.summary.detectors,
    // The org's log level decides what is kept: METADATA_ONLY nothing, REDACTED_MATCHES the redacted
    // match snippets (default), REDACTED_PROMPT also the redacted, truncated prompt.
    prompt_snippet: logLevel === 'REDACTED_PROMPT' ? truncate(redactText(req.prompt, dlp.matches)) : '',
    reasons: decision.reasons,
    policy_ids: decision.policyIds,
    alerts: decision.alerts.map((a) => a.reason),
    latency_ms: ctx.clock() - ctx.startedAt,
    retention_days: retentionDays,
  };
  const matches = dlp.matches.map((m, index): DlpMatchRecord => ({
    event_id: ctx.eventId,
    org_id: ctx.claims.orgId,
    occurred_at: occurredAt,
    user_email: ctx.claims.email,
    team,
    tool,
    action: decision.action,
    match_index: index,
    detector: m.detector,
    rule_id: m.ruleId,
    severity: m.severity,
    target: m.target,
    start: m.start,
    end: m.end,
    snippet: logLevel === 'METADATA_ONLY' ? '' : truncate(m.snippet),
    retention_days: retentionDays,
  }));
  const shadow: ShadowAiEventRecord | null =
    context.tool?.status === 'UNAPPROVED'
      ? {
          event_id: ctx.eventId,
          org_id: ctx.claims.orgId,
          occurred_at: occurredAt,
          endpoint_id: ctx.claims.endpointId,
          user_email: ctx.claims.email,
          team,
          tool,
          url_host: host,
          category: toolCategory(tool, ctx.config.customTools, ctx.catalog ?? shippedCatalog()),
          action: decision.action,
          severity: context.tool.severity,
          source: 'dlp',
          detail: checkedDetail(dlp.summary.totalMatches, dlp.summary.detectors),
          retention_days: retentionDays,
        }
      : null;
  return { decision, dlp, event, matches, shadow };
}

/** `prompt checked: 2 findings (US_SSN, EMAIL)`: detector names only, never the prompt. */
export function checkedDetail(findings: number, detectors: readonly string[]): string {
  if (findings === 0) return 'prompt checked: no findings';
  const count = `${findings} finding${findings === 1 ? '' : 's'}`;
  return truncate(`prompt checked: ${count} (${detectors.join(', ')})`);
}
