import type { CompiledPolicy, CompiledRule, PatternCompiler, TextPattern } from './decision.ts';
import type { Policy, PolicyRule } from './types.ts';

/** At most this many matches per text: enough to mask a prompt, bounded on a pathological one. */
export const MAX_PATTERN_MATCHES = 100;

/**
 * Native RegExp, for tests and tooling. Services pass an RE2-backed compiler instead: a native
 * regex written by an admin can backtrack for seconds on a crafted prompt.
 */
export const regExpCompiler: PatternCompiler = (pattern, caseInsensitive) => {
  const re = new RegExp(pattern, caseInsensitive ? 'gi' : 'g');
  return {
    matches(text) {
      const out: Array<{ start: number; end: number }> = [];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while (out.length < MAX_PATTERN_MATCHES && (m = re.exec(text)) !== null) {
        out.push({ start: m.index, end: m.index + m[0].length });
        if (m[0].length === 0) re.lastIndex++; // an empty match would loop forever
      }
      return out;
    },
  };
};

export interface PatternError {
  policyId: string;
  ruleId: string;
  pattern: string;
  message: string;
}

function compileRule(
  policyId: string,
  rule: PolicyRule,
  compile: PatternCompiler,
  onError: ((error: PatternError) => void) | undefined,
): CompiledRule {
  const compiled: CompiledRule = { ...rule };
  const errors: string[] = [];
  const attempt = (pattern: string, caseInsensitive: boolean): TextPattern | undefined => {
    try {
      return compile(pattern, caseInsensitive);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push(`/${pattern}/: ${message}`);
      onError?.({ policyId, ruleId: rule.id, pattern, message });
      return undefined;
    }
  };
  const { regex, metadata } = rule.criteria;
  if (regex !== undefined) {
    const pattern = attempt(regex.pattern, regex.caseInsensitive ?? false);
    if (pattern) compiled.pattern = pattern;
  }
  if (metadata?.some((m) => m.op === 'matches')) {
    compiled.metadataPatterns = metadata.map((m) =>
      m.op === 'matches' && typeof m.value === 'string' ? attempt(m.value, false) : undefined,
    );
  }
  if (errors.length > 0) compiled.patternError = errors.join('; ');
  return compiled;
}

/**
 * Compiles every rule's patterns once per config load, never per request. A pattern that does not
 * compile must not take the whole org down: the rule is kept with `patternError` and never fires,
 * and `onError` tells the caller, which may log it or throw to reject the whole set.
 */
export function compilePolicies(
  policies: readonly Policy[],
  compile: PatternCompiler,
  onError?: (error: PatternError) => void,
): CompiledPolicy[] {
  return policies.map((p) => ({ ...p, rules: p.rules.map((r) => compileRule(p.id, r, compile, onError)) }));
}
