import type { DlpMatch, DlpResult } from '../dlp/types.ts';
import { criteriaProblem, present } from './criteria.ts';
import type { CompiledRule, EvaluationContext } from './decision.ts';
import { globMatch } from './glob.ts';
import { conditionHolds, describeCondition } from './metadata.ts';
import { bySeverity, describeMatches, describePatternMatch } from './reasons.ts';
import { maxSeverity, severityAtLeast } from './severity.ts';
import type { Severity } from './types.ts';

/** Why a rule did not fire: a closed set, turned into trace text only when a trace is asked for. */
export type RuleMiss =
  | 'criteria-invalid'
  | 'pattern-invalid'
  | 'input-type'
  | 'model'
  | 'metadata'
  | 'findings'
  | 'tool'
  | 'domain'
  | 'tokens'
  | 'regex';

export interface RuleFired {
  fired: true;
  /** What matched, for the reason: no raw value. */
  detail: string;
  /** The DLP findings the rule matched (DLP rules with minSeverity/detectors; else empty). */
  findings: DlpMatch[];
  /** Where the rule's regex matched the prompt (completion matches cannot be masked). */
  patternSpans: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  /** The highest severity among `findings`, null when there are none. */
  findingSeverity: Severity | null;
}

export type RuleOutcome = RuleFired | { fired: false; miss: RuleMiss };

// One shared object per miss: a rule that does not fire (most of them) allocates nothing.
const MISSES = Object.fromEntries(
  (
    [
      'criteria-invalid',
      'pattern-invalid',
      'input-type',
      'model',
      'metadata',
      'findings',
      'tool',
      'domain',
      'tokens',
      'regex',
    ] as const
  ).map((miss) => [miss, Object.freeze({ fired: false as const, miss })]),
) as Record<RuleMiss, { fired: false; miss: RuleMiss }>;

const DOT = '.'.charCodeAt(0);

/** The domain a rule restricts that `host` is or is under; `*.x` means the same as `x`. */
export function restrictedDomain(host: string, domains: readonly string[]): string | null {
  for (const raw of domains) {
    const d = (raw.startsWith('*.') ? raw.slice(2) : raw).toLowerCase();
    if (d === '') continue;
    if (host === d || (host.endsWith(d) && host.charCodeAt(host.length - d.length - 1) === DOT)) return d;
  }
  return null;
}

export function modelMatches(model: string, patterns: readonly string[]): boolean {
  const m = model.toLowerCase();
  return patterns.some((p) => globMatch(p.toLowerCase(), m));
}

/** The findings a DLP rule counts: of its detector types if listed, at least minSeverity (LOW). */
function matchedFindings(rule: CompiledRule, dlp: DlpResult): DlpMatch[] {
  const { detectors, minSeverity = 'LOW' } = rule.criteria;
  const types = present(detectors) ? detectors : null;
  return dlp.matches.filter(
    (m) => severityAtLeast(m.severity, minSeverity) && (types === null || types.includes(m.detector)),
  );
}

/**
 * Whether one rule fires for this prompt, and what it matched. Cheap criteria are checked first,
 * the regex last. Every present criterion must hold; a rule missing its kind's required criteria,
 * or with a pattern that did not compile, never fires.
 */
export function ruleMatchesContext(rule: CompiledRule, ctx: EvaluationContext, dlp: DlpResult): RuleOutcome {
  const c = rule.criteria;
  if (criteriaProblem(rule) !== null) return MISSES['criteria-invalid'];
  if (rule.patternError !== undefined || (c.regex !== undefined && rule.pattern === undefined))
    return MISSES['pattern-invalid'];

  if (present(c.inputTypes) && (ctx.inputType === undefined || !c.inputTypes.includes(ctx.inputType)))
    return MISSES['input-type'];
  if (present(c.models) && (ctx.model === undefined || !modelMatches(ctx.model, c.models)))
    return MISSES.model;
  if (present(c.metadata)) {
    for (const [i, m] of c.metadata.entries())
      if (!conditionHolds(m, rule.metadataPatterns?.[i], ctx.metadata)) return MISSES.metadata;
  }

  let findings: DlpMatch[] = [];
  let kindDetail: string | null = null;
  switch (rule.kind) {
    case 'DLP':
      if (c.minSeverity !== undefined || present(c.detectors)) {
        findings = matchedFindings(rule, dlp);
        if (findings.length === 0) return MISSES.findings;
        const min = c.minSeverity !== undefined ? ` ≥ ${c.minSeverity}` : '';
        kindDetail = `${describeMatches(bySeverity(findings))}${min}`;
      }
      break;
    case 'ALLOW_TOOLS':
      if (c.tools!.includes(ctx.toolId)) return MISSES.tool;
      kindDetail = `tool ${ctx.toolId} is not in the allowed tools [${c.tools!.join(', ')}]`;
      break;
    case 'DENY_TOOLS':
      if (!c.tools!.includes(ctx.toolId)) return MISSES.tool;
      kindDetail = `tool ${ctx.toolId} is denied`;
      break;
    case 'DOMAIN_RESTRICTION': {
      const domain = restrictedDomain(ctx.host, c.domains!);
      if (domain === null) return MISSES.domain;
      kindDetail =
        domain === ctx.host
          ? `${domain} is a restricted domain`
          : `${ctx.host} is under the restricted domain ${domain}`;
      break;
    }
    case 'TOKEN_LIMIT':
      if (ctx.promptTokens <= c.maxTokens!) return MISSES.tokens;
      kindDetail = `prompt is about ${ctx.promptTokens} tokens > ${c.maxTokens}`;
      break;
    case 'OTHER':
      break;
  }

  let patternSpans: RuleFired['patternSpans'] = [];
  let regexDetail: string | null = null;
  if (c.regex !== undefined) {
    const { target, pattern, caseInsensitive } = c.regex;
    if (target !== 'completion') patternSpans = rule.pattern!.matches(ctx.prompt);
    if (patternSpans.length > 0) {
      regexDetail = describePatternMatch(
        pattern,
        caseInsensitive,
        patternSpans[0]!,
        patternSpans.length,
        'prompt',
      );
    } else if (target !== 'prompt' && ctx.completion !== undefined) {
      const inCompletion = rule.pattern!.matches(ctx.completion);
      if (inCompletion.length > 0)
        regexDetail = describePatternMatch(
          pattern,
          caseInsensitive,
          inCompletion[0]!,
          inCompletion.length,
          'completion',
        );
    }
    if (regexDetail === null) return MISSES.regex;
  }

  // The narrowing criteria that held, after what matched: `…; input paste; model gpt-4o`.
  const parts = [kindDetail, regexDetail].filter((p): p is string => p !== null);
  if (present(c.inputTypes)) parts.push(`input ${ctx.inputType}`);
  if (present(c.models)) parts.push(`model ${ctx.model}`);
  if (present(c.metadata)) parts.push(...c.metadata.map(describeCondition));
  return {
    fired: true,
    detail: parts.join('; '),
    findings,
    patternSpans,
    findingSeverity: maxSeverity(findings.map((f) => f.severity)),
  };
}
