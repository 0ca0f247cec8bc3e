import {
  compilePolicies,
  evaluate,
  scanText,
  type Alert,
  type InputType,
  type Policy,
  type RiskLevel,
  type Severity,
  type TraceStep,
} from '@kairro/core';
import { evaluationContext } from '@kairro/ingest/context';
import { compileOrgDlp } from '@kairro/ingest/org-dlp';
import { re2Compiler } from '@kairro/ingest/org-policy';
import type { OrgConfig } from '@kairro/postgres';

export interface ExplainRequest {
  prompt: string;
  /** The AI's reply, for regex rules on the completion (never stored, as in ingest). */
  completion?: string | undefined;
  userEmail: string;
  url: URL;
  inputType?: InputType | undefined;
  model?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface ExplainResult {
  action: string;
  riskLevel: RiskLevel;
  reasons: string[];
  alerts: Alert[];
  maskedPrompt?: string;
  trace: TraceStep[];
  findings: Array<{
    detector: string;
    ruleId: string;
    severity: Severity;
    start: number;
    end: number;
    /** The finding's redacted context (`…card [CREDIT_CARD] please`): never the value. */
    snippet: string;
  }>;
  tool: { id: string; name?: string; status?: 'APPROVED' | 'UNAPPROVED'; applyPolicies?: boolean };
  identity: { known: boolean; identityId?: string; teamId?: string; team?: string };
  promptTokens: number;
}

/**
 * Every policy of the org in load order (priority, then name), with `tried` active in place of its
 * saved version (or added): the trace shows the drafts and disabled ones as skipped.
 */
export function withPolicyActive(saved: readonly Policy[], tried: Policy | undefined): Policy[] {
  if (tried === undefined) return [...saved];
  const active = { ...tried, status: 'ACTIVE' as const };
  const replaced = saved.some((p) => p.id === tried.id);
  const all = replaced ? saved.map((p) => (p.id === tried.id ? active : p)) : [...saved, active];
  return all.sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
}

/**
 * The decision ingest would make for this prompt, with the full rule trace: the org's DLP (custom
 * detectors, allowlists) and context exactly as ingest builds them, a valid license. Stores nothing;
 * the mask mapping (raw values) is never returned.
 */
export function explainPrompt(
  config: OrgConfig,
  policies: readonly Policy[],
  req: ExplainRequest,
  opts: { now: Date; onError?: (err: unknown) => void },
): ExplainResult {
  const { detectors, allowlist } = compileOrgDlp(config, opts.onError);
  const dlp = scanText(req.prompt, { target: 'prompt', detectors, allowlist });
  const context = evaluationContext(
    {
      url: req.url,
      prompt: req.prompt,
      ...(req.completion === undefined ? {} : { completion: req.completion }),
      ...(req.inputType === undefined ? {} : { inputType: req.inputType }),
      ...(req.model === undefined ? {} : { model: req.model }),
      ...(req.metadata === undefined ? {} : { metadata: req.metadata }),
    },
    req.userEmail,
    config,
  );
  const decision = evaluate({
    now: opts.now,
    license: { status: 'ACTIVE', expiresAt: '9999-12-31T23:59:59.999Z' },
    policies: compilePolicies(policies, re2Compiler, opts.onError),
    dlp,
    context,
    trace: true,
  });
  const email = req.userEmail.toLowerCase();
  const identity = config.identities.get(email);
  const team = config.teams.get(email);
  const tool = context.tool;
  return {
    action: decision.action,
    riskLevel: decision.riskLevel,
    reasons: decision.reasons,
    alerts: decision.alerts,
    ...(decision.maskedPrompt === undefined ? {} : { maskedPrompt: decision.maskedPrompt }),
    trace: decision.trace ?? [],
    findings: dlp.matches.map((m) => ({
      detector: m.detector,
      ruleId: m.ruleId,
      severity: m.severity,
      start: m.start,
      end: m.end,
      snippet: m.snippet,
    })),
    tool: tool
      ? { id: tool.id, name: tool.name, status: tool.status, applyPolicies: tool.applyPolicies }
      : { id: context.toolId },
    identity: identity
      ? {
          known: true,
          identityId: identity.identityId,
          ...(identity.teamId ? { teamId: identity.teamId } : {}),
          ...(team ? { team } : {}),
        }
      : { known: false },
    promptTokens: context.promptTokens,
  };
}
