import {
  resolveTool,
  severityRank,
  type DlpMatch,
  type DlpResult,
  type EvaluationContext,
  type InputType,
  type Severity,
  type ToolConfig,
} from '@kairro/core';

/** One stored finding as simulation needs it: which detector, how severe, prompt or reply. */
export interface StoredFinding {
  detector: string;
  severity: Severity;
  target: 'prompt' | 'response';
  /** Where it was; absent when only the kind of finding is known (grouped events). */
  start?: number;
  end?: number;
  ruleId?: string;
}

/** The context columns of one stored event (or of a group of events that share them). */
export interface StoredContext {
  user: string;
  tool: string;
  host: string;
  /** '' when the extension did not say, or the event predates the column. */
  inputType: string;
  model: string;
  promptTokens: number;
}

/** What the org's config tells about tools and people, as `loadOrgConfigs` returns it. */
export interface OrgDirectory {
  tools: readonly ToolConfig[];
  identities: ReadonlyMap<string, { identityId: string; teamId: string | null }>;
}

const INPUT_TYPES: ReadonlySet<string> = new Set<InputType>(['typed', 'paste', 'file']);

/**
 * The DLP result of a stored event, rebuilt from its `dlp_matches` rows. Prompts are never stored,
 * so the spans point nowhere (0–0 when unknown) and the snippets are empty: what a policy decides
 * on (detector, severity, target) is all there.
 */
export function dlpFromFindings(findings: readonly StoredFinding[]): DlpResult {
  const matches: DlpMatch[] = findings.map((f) => ({
    detector: f.detector,
    ruleId: f.ruleId ?? '',
    severity: f.severity,
    start: f.start ?? 0,
    end: f.end ?? 0,
    snippet: '',
    target: f.target,
    confidence: 1,
  }));
  let maxSeverity: Severity | null = null;
  let highOrAbove = 0;
  let critical = 0;
  for (const m of matches) {
    if (maxSeverity === null || severityRank(m.severity) > severityRank(maxSeverity))
      maxSeverity = m.severity;
    if (severityRank(m.severity) >= severityRank('HIGH')) highOrAbove++;
    if (m.severity === 'CRITICAL') critical++;
  }
  return {
    matches,
    summary: {
      maxSeverity,
      totalMatches: matches.length,
      highOrAbove,
      critical,
      detectors: [...new Set(matches.map((m) => m.detector))].sort(),
    },
  };
}

/**
 * The evaluation context of a stored event. The tool is the org's current classification of the
 * tool id the event recorded (what the policy would meet today), or of its host when the event's
 * tool was unclassified then; the identity is the org's current one for the email. No prompt, no completion, no metadata: rules that need them are not simulated
 * (see `unsimulatableRules`).
 */
export function contextFromStored(row: StoredContext, org: OrgDirectory): EvaluationContext {
  const host = row.host.toLowerCase();
  const tool = org.tools.find((t) => t.id === row.tool) ?? classifiedSince(row, host, org.tools);
  const email = row.user.toLowerCase();
  const identity = org.identities.get(email);
  const context: EvaluationContext = {
    prompt: '',
    host,
    toolId: tool?.id ?? (row.tool || host),
    tool,
    identity: { email: row.user, identityId: identity?.identityId ?? null, teamId: identity?.teamId ?? null },
    promptTokens: row.promptTokens,
    metadata: {},
  };
  if (INPUT_TYPES.has(row.inputType)) context.inputType = row.inputType as InputType;
  if (row.model !== '') context.model = row.model;
  return context;
}

const SEVERITY_SET: ReadonlySet<string> = new Set(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

/**
 * ClickHouse returns the grouped findings as `[[detector, severity, target], …]`; rows that are
 * not a known severity (written around the pipeline) are dropped rather than guessed.
 */
export function findingsFromTuples(tuples: ReadonlyArray<readonly unknown[]>): StoredFinding[] {
  const out: StoredFinding[] = [];
  for (const [detector, severity, target] of tuples) {
    if (typeof detector !== 'string' || typeof severity !== 'string' || !SEVERITY_SET.has(severity)) continue;
    out.push({
      detector,
      severity: severity as Severity,
      target: target === 'response' ? 'response' : 'prompt',
    });
  }
  return out;
}

/**
 * A host that was not a classified tool when the event was recorded (its tool id is the host) may be
 * one now. Only the host was stored, so patterns that need a path cannot match it.
 */
function classifiedSince(row: StoredContext, host: string, tools: readonly ToolConfig[]): ToolConfig | null {
  if (row.tool !== '' && row.tool.toLowerCase() !== host) return null;
  try {
    return resolveTool(new URL(`https://${host}/`), tools);
  } catch {
    return null;
  }
}
