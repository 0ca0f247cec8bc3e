import type { DlpResult } from '../dlp/types.ts';
import { criteriaProblem, present } from './criteria.ts';
import type { CompiledRule, EvaluationContext } from './decision.ts';
import { conditionHolds, describeCondition } from './metadata.ts';
import { describeMatches, describePattern } from './reasons.ts';
import type { RuleMiss } from './rule-match.ts';

const list = (items: readonly string[] | undefined): string => `[${(items ?? []).join(', ')}]`;

/**
 * Trace text for a rule that did not fire. Only called when a trace is asked for, so the hot
 * path never builds these strings. Names criteria and positions, never a matched value.
 */
export function describeMiss(
  rule: CompiledRule,
  ctx: EvaluationContext,
  dlp: DlpResult,
  miss: RuleMiss,
): string {
  const c = rule.criteria;
  switch (miss) {
    case 'criteria-invalid':
      return `${criteriaProblem(rule) ?? 'criteria are incomplete'}; the rule never fires`;
    case 'pattern-invalid':
      return `pattern invalid (${rule.patternError ?? 'not compiled'}); the rule never fires`;
    case 'input-type':
      return ctx.inputType === undefined
        ? `input type unknown; the rule needs ${list(c.inputTypes)}`
        : `input type ${ctx.inputType} is not in ${list(c.inputTypes)}`;
    case 'model':
      return ctx.model === undefined
        ? `model unknown; the rule needs ${list(c.models)}`
        : `model ${ctx.model} does not match ${list(c.models)}`;
    case 'metadata': {
      const failed = (c.metadata ?? []).find(
        (m, i) => !conditionHolds(m, rule.metadataPatterns?.[i], ctx.metadata),
      );
      return `metadata ${failed ? describeCondition(failed) : 'condition'} does not hold`;
    }
    case 'findings': {
      const min = c.minSeverity !== undefined ? ` ≥ ${c.minSeverity}` : '';
      const of = present(c.detectors) ? ` of ${list(c.detectors)}` : '';
      const found = dlp.matches.length > 0 ? `; found ${describeMatches(dlp.matches)}` : '';
      return `no finding${min}${of}${found}`;
    }
    case 'tool':
      return rule.kind === 'ALLOW_TOOLS'
        ? `tool ${ctx.toolId} is in the allowed tools ${list(c.tools)}`
        : `tool ${ctx.toolId} is not in ${list(c.tools)}`;
    case 'domain':
      return `host ${ctx.host} is not in ${list(c.domains)}`;
    case 'tokens':
      return `prompt is about ${ctx.promptTokens} tokens ≤ ${c.maxTokens}`;
    case 'regex': {
      const r = c.regex!;
      const where = r.target === 'both' ? 'prompt or completion' : r.target;
      return `pattern ${describePattern(r.pattern, r.caseInsensitive)} does not match the ${where}`;
    }
  }
}
