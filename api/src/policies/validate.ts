import {
  DETECTOR_TYPES,
  type MetadataCondition,
  type PolicyScope,
  type RuleCriteria,
  type RuleKind,
} from '@kairro/core';
import { ApiError } from '@kairro/http';
import { compileCustomPattern } from '@kairro/ingest/custom-detectors';
import {
  getIdentity,
  getTeam,
  listCustomDetectors,
  toolKeys,
  type PolicyInput,
  type Sql,
} from '@kairro/postgres';
import { MAX_PRIORITY, MAX_RULES } from '../routes/policy-schemas.ts';

/** What a policy may refer to in this org: its AI tools and its detector types. */
export interface ValidationContext {
  tools: ReadonlySet<string>;
  detectorTypes: ReadonlySet<string>;
}

export async function loadValidationContext(sql: Sql, orgId: string): Promise<ValidationContext> {
  const [tools, custom] = await Promise.all([toolKeys(sql, orgId), listCustomDetectors(sql, [orgId])]);
  return { tools, detectorTypes: new Set<string>([...DETECTOR_TYPES, ...custom.map((d) => d.type)]) };
}

/** Criteria only a kind uses; the general ones (regex, inputTypes, models, metadata) fit any kind. */
const KIND_CRITERIA: Record<RuleKind, ReadonlyArray<keyof RuleCriteria>> = {
  DLP: ['minSeverity', 'detectors'],
  ALLOW_TOOLS: ['tools'],
  DENY_TOOLS: ['tools'],
  DOMAIN_RESTRICTION: ['domains'],
  TOKEN_LIMIT: ['maxTokens'],
  OTHER: [],
};
const SPECIFIC = new Set(Object.values(KIND_CRITERIA).flat());
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Checks what the schema cannot and returns the policy normalised (trimmed, lower-case domains,
 * no duplicate or empty lists). Throws 400 naming the policy, the rule and the field:
 * VALIDATION_FAILED, or INVALID_PATTERN for a regex RE2 refuses. Scope targets are checked
 * against the database by `checkScopeTarget`.
 */
export function validatePolicy(input: PolicyInput, ctx: ValidationContext): PolicyInput {
  const name = input.name.trim();
  const fail = (message: string, code: 'VALIDATION_FAILED' | 'INVALID_PATTERN' = 'VALIDATION_FAILED') =>
    new ApiError(code, `Policy "${name}": ${message}`);
  if (name === '') throw new ApiError('VALIDATION_FAILED', 'A policy needs a name.');
  if (!Number.isInteger(input.priority) || input.priority < 0 || input.priority > MAX_PRIORITY)
    throw fail(`priority must be an integer from 0 to ${MAX_PRIORITY}.`);
  if (input.rules.length > MAX_RULES)
    throw fail(`has ${input.rules.length} rules; the limit is ${MAX_RULES}.`);
  if (input.scope === 'ORG' && input.scopeTargetId !== null)
    throw fail('an ORG policy applies to everyone; remove scopeTargetId.');
  if (input.scope !== 'ORG' && input.scopeTargetId === null)
    throw fail(`a ${input.scope} policy needs scopeTargetId (the ${targetWord(input.scope)} id).`);

  const rules = input.rules.map((rule, i) => {
    const ruleFail = (message: string, code?: 'INVALID_PATTERN') => fail(`rule ${i + 1}: ${message}`, code);
    const criteria = normaliseCriteria(rule.criteria);
    for (const key of Object.keys(criteria) as Array<keyof RuleCriteria>) {
      if (SPECIFIC.has(key) && !KIND_CRITERIA[rule.kind].includes(key))
        throw ruleFail(`a ${rule.kind} rule does not use ${key}.`);
    }
    const missing = requiredMissing(rule.kind, criteria);
    if (missing) throw ruleFail(missing);
    if (criteria.regex) {
      const check = compileCustomPattern(criteria.regex.pattern, {
        caseInsensitive: criteria.regex.caseInsensitive ?? false,
      });
      if (!check.ok) throw ruleFail(`regex: ${check.message}`, 'INVALID_PATTERN');
    }
    for (const m of criteria.metadata ?? []) {
      const problem = metadataProblem(m);
      if (problem) throw ruleFail(problem.message, problem.code);
    }
    const unknownTool = criteria.tools?.find((t) => !ctx.tools.has(t));
    if (unknownTool !== undefined)
      throw ruleFail(`tools: "${unknownTool}" is not one of your organisation's AI tools.`);
    const unknownDetector = criteria.detectors?.find((d) => !ctx.detectorTypes.has(d));
    if (unknownDetector !== undefined)
      throw ruleFail(
        `detectors: "${unknownDetector}" is neither a built-in nor one of your custom detector types.`,
      );
    const badDomain = criteria.domains?.find((d) => !HOST.test(d) || d.length > 253);
    if (badDomain !== undefined)
      throw ruleFail(`domains: "${badDomain}" is not a host name such as pastebin.com.`);
    const description = rule.description?.trim() ?? '';
    return {
      ...(rule.id === undefined ? {} : { id: rule.id }),
      kind: rule.kind,
      action: rule.action,
      ...(rule.severity ? { severity: rule.severity } : {}),
      description,
      criteria,
    };
  });
  return { ...input, name, description: input.description.trim(), rules };
}

/** 400 unless the target is a team (TEAM) or an identity (IDENTITY) of this org; returns its name. */
export async function checkScopeTarget(
  sql: Sql,
  orgId: string,
  policyName: string,
  scope: PolicyScope,
  targetId: string | null,
): Promise<string | null> {
  if (scope === 'ORG' || targetId === null) return null;
  const target =
    scope === 'TEAM'
      ? (await getTeam(sql, orgId, targetId))?.name
      : (await getIdentity(sql, orgId, targetId))?.email;
  if (target === undefined)
    throw new ApiError(
      'VALIDATION_FAILED',
      `Policy "${policyName.trim()}": scopeTargetId ${targetId} is not one of your organisation's ${scope === 'TEAM' ? 'teams' : 'identities'}.`,
    );
  return target;
}

const targetWord = (scope: PolicyScope) => (scope === 'TEAM' ? 'team' : 'identity');

function requiredMissing(kind: RuleKind, c: RuleCriteria): string | null {
  switch (kind) {
    case 'DLP':
      return c.minSeverity || c.detectors || c.regex
        ? null
        : 'a DLP rule needs minSeverity, detectors or regex.';
    case 'ALLOW_TOOLS':
    case 'DENY_TOOLS':
      return c.tools ? null : `a ${kind} rule needs tools.`;
    case 'DOMAIN_RESTRICTION':
      return c.domains ? null : 'a DOMAIN_RESTRICTION rule needs domains.';
    case 'TOKEN_LIMIT':
      return c.maxTokens !== undefined ? null : 'a TOKEN_LIMIT rule needs maxTokens.';
    case 'OTHER':
      return c.regex || c.inputTypes || c.models || c.metadata
        ? null
        : 'an OTHER rule needs regex, inputTypes, models or metadata.';
  }
}

function metadataProblem(m: MetadataCondition): { message: string; code?: 'INVALID_PATTERN' } | null {
  const where = `metadata "${m.key}" ${m.op}`;
  if (m.op === 'exists') return m.value === undefined ? null : { message: `${where} takes no value.` };
  if (m.op === 'in') return Array.isArray(m.value) ? null : { message: `${where} needs a list of values.` };
  if (typeof m.value !== 'string') return { message: `${where} needs a string value.` };
  if (m.op !== 'matches') return null;
  const check = compileCustomPattern(m.value, { caseInsensitive: false });
  return check.ok ? null : { message: `${where}: ${check.message}`, code: 'INVALID_PATTERN' };
}

/** Drops empty lists (they constrain nothing), de-duplicates lists, lower-cases domains; keys in one
 * fixed order (views, exports and comparisons read the same shape whatever jsonb stored). */
export function normaliseCriteria(c: RuleCriteria): RuleCriteria {
  const out: RuleCriteria = {};
  const uniq = <T>(list: readonly T[] | undefined) => (list && list.length ? [...new Set(list)] : undefined);
  if (c.minSeverity) out.minSeverity = c.minSeverity;
  const detectors = uniq(c.detectors);
  if (detectors) out.detectors = detectors;
  if (c.regex)
    out.regex = {
      pattern: c.regex.pattern,
      ...(c.regex.caseInsensitive ? { caseInsensitive: true } : {}),
      target: c.regex.target,
    };
  const tools = uniq(c.tools);
  if (tools) out.tools = tools;
  const domains = uniq(c.domains?.map((d) => d.trim().toLowerCase()));
  if (domains) out.domains = domains;
  if (c.maxTokens !== undefined) out.maxTokens = c.maxTokens;
  const inputTypes = uniq(c.inputTypes);
  if (inputTypes) out.inputTypes = inputTypes;
  const models = uniq(c.models);
  if (models) out.models = models;
  if (c.metadata && c.metadata.length) out.metadata = c.metadata.map((m) => ({ ...m }));
  return out;
}
