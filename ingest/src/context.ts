import { estimateTokens, resolveTool, type EvaluationContext, type InputType } from '@kairro/core';
import type { OrgConfig } from '@kairro/postgres';

/** One evaluation as the extension asked for it (validated by the route's schema). */
export interface EvaluationRequest {
  url: URL;
  prompt: string;
  /** The AI's reply, for regex rules on the completion; never stored. */
  completion?: string;
  inputType?: InputType;
  model?: string;
  metadata?: Record<string, string>;
}

/**
 * Everything a rule can match besides the findings: the tool (the org's classification of the URL;
 * an unclassified host is its own tool id), who asks (identity and team ids, null when the email is
 * not a known identity) and the request's own context.
 */
export function evaluationContext(
  req: EvaluationRequest,
  email: string,
  config: Pick<OrgConfig, 'tools' | 'identities'>,
): EvaluationContext {
  const host = req.url.hostname.toLowerCase();
  const tool = resolveTool(req.url, config.tools);
  const identity = config.identities.get(email.toLowerCase());
  const context: EvaluationContext = {
    prompt: req.prompt,
    host,
    toolId: tool?.id ?? host,
    tool,
    identity: { email, identityId: identity?.identityId ?? null, teamId: identity?.teamId ?? null },
    promptTokens: estimateTokens(req.prompt),
    metadata: req.metadata ?? {},
  };
  if (req.completion !== undefined) context.completion = req.completion;
  if (req.inputType !== undefined) context.inputType = req.inputType;
  if (req.model !== undefined) context.model = req.model;
  return context;
}
