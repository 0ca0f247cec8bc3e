// The policy editor's form model and its conversion to and from the API's shapes. Inputs hold
// strings (what the fields show); the body omits empty fields, parses numbers and carries only
// the criteria the rule's kind uses. The API stays the authority on validity.
import type {
  InputType,
  MetadataOp,
  Policy,
  PolicyInput,
  PolicyRule,
  PolicyRuleInput,
  PolicyScope,
  PolicyStatus,
  PolicyType,
  RegexTarget,
  RuleAction,
  RuleCriteria,
  RuleKind,
} from '../api/policy-types.ts';
import type { Severity } from '../api/types.ts';

export type Criterion = 'minSeverity' | 'detectors' | 'regex' | 'tools' | 'domains' | 'maxTokens';

/** The criteria shown in a rule's main section, by kind; the rest are "Advanced matching". */
export const KIND_CRITERIA: Record<RuleKind, readonly Criterion[]> = {
  DLP: ['minSeverity', 'detectors', 'regex'],
  ALLOW_TOOLS: ['tools'],
  DENY_TOOLS: ['tools'],
  DOMAIN_RESTRICTION: ['domains'],
  TOKEN_LIMIT: ['maxTokens'],
  OTHER: ['regex'],
};

export const KIND_HINTS: Record<RuleKind, string> = {
  DLP: 'Fires on findings at least this severe, of these detectors, and/or a regex match.',
  ALLOW_TOOLS: 'Fires when the tool used is NOT one of these (an allow list).',
  DENY_TOOLS: 'Fires when the tool used is one of these.',
  DOMAIN_RESTRICTION: 'Fires when the page’s host is one of these domains or a subdomain.',
  TOKEN_LIMIT: 'Fires when the prompt is estimated longer than this many tokens (characters ÷ 4).',
  OTHER: 'Fires on the regex and/or the advanced criteria alone.',
};

export interface MetadataForm {
  key: string;
  op: MetadataOp;
  /** Comma-separated for `in`; ignored for `exists`. */
  value: string;
}

export interface RuleForm {
  /** Client-side key for keyed lists; never sent. */
  key: string;
  /** The server's rule id, kept so an edit does not re-create the rule. */
  id?: string;
  kind: RuleKind;
  action: RuleAction;
  severity: Severity | '';
  description: string;
  minSeverity: Severity | '';
  detectors: string[];
  regexPattern: string;
  regexCaseInsensitive: boolean;
  regexTarget: RegexTarget;
  tools: string[];
  /** One per line or comma-separated. */
  domains: string;
  maxTokens: string;
  inputTypes: InputType[];
  /** Comma-separated model globs. */
  models: string;
  metadata: MetadataForm[];
}

export interface PolicyForm {
  name: string;
  description: string;
  type: PolicyType;
  status: PolicyStatus;
  scope: PolicyScope;
  scopeTargetId: string;
  /** A number input binds a number (null when emptied); text when set from code. */
  priority: string | number | null;
  rules: RuleForm[];
}

let keys = 0;
const nextKey = () => `r${++keys}`;

export function emptyRule(kind: RuleKind = 'DLP'): RuleForm {
  return {
    key: nextKey(),
    kind,
    action: 'BLOCK',
    severity: '',
    description: '',
    minSeverity: kind === 'DLP' ? 'HIGH' : '',
    detectors: [],
    regexPattern: '',
    regexCaseInsensitive: false,
    regexTarget: 'prompt',
    tools: [],
    domains: '',
    maxTokens: '',
    inputTypes: [],
    models: '',
    metadata: [],
  };
}

export function emptyPolicy(): PolicyForm {
  return {
    name: '',
    description: '',
    type: 'DLP',
    status: 'DRAFT',
    scope: 'ORG',
    scopeTargetId: '',
    priority: '100',
    rules: [emptyRule()],
  };
}

/** Splits on commas and newlines, trims, drops blanks. */
export function splitItems(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function ruleToForm(rule: PolicyRule): RuleForm {
  const c = rule.criteria;
  return {
    key: nextKey(),
    id: rule.id,
    kind: rule.kind,
    action: rule.action,
    severity: rule.severity ?? '',
    description: rule.description ?? '',
    minSeverity: c.minSeverity ?? '',
    detectors: [...(c.detectors ?? [])],
    regexPattern: c.regex?.pattern ?? '',
    regexCaseInsensitive: c.regex?.caseInsensitive ?? false,
    regexTarget: c.regex?.target ?? 'prompt',
    tools: [...(c.tools ?? [])],
    domains: (c.domains ?? []).join('\n'),
    maxTokens: c.maxTokens === undefined ? '' : String(c.maxTokens),
    inputTypes: [...(c.inputTypes ?? [])],
    models: (c.models ?? []).join(', '),
    metadata: (c.metadata ?? []).map((m) => ({
      key: m.key,
      op: m.op,
      value: Array.isArray(m.value) ? m.value.join(', ') : (m.value ?? ''),
    })),
  };
}

export function policyToForm(policy: Policy): PolicyForm {
  return {
    name: policy.name,
    description: policy.description,
    type: policy.type,
    status: policy.status,
    scope: policy.scope,
    scopeTargetId: policy.scopeTargetId ?? '',
    priority: String(policy.priority),
    rules: policy.rules.map(ruleToForm),
  };
}

/** A whole number; undefined for a blank field; NaN for anything else (sent as null, so the API's
 * message names the field rather than the value being dropped silently). */
function parseInteger(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number.NaN;
  const t = (value ?? '').trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

export function ruleCriteria(rule: RuleForm): RuleCriteria {
  const shown = new Set(KIND_CRITERIA[rule.kind]);
  const c: RuleCriteria = {};
  if (shown.has('minSeverity') && rule.minSeverity) c.minSeverity = rule.minSeverity;
  if (shown.has('detectors') && rule.detectors.length > 0) c.detectors = [...rule.detectors];
  // A regex may narrow any kind (in "Advanced matching" where it is not a main criterion).
  if (rule.regexPattern.trim() !== '') {
    c.regex = { pattern: rule.regexPattern, target: rule.regexTarget };
    if (rule.regexCaseInsensitive) c.regex.caseInsensitive = true;
  }
  if (shown.has('tools') && rule.tools.length > 0) c.tools = [...rule.tools];
  if (shown.has('domains')) {
    const domains = splitItems(rule.domains);
    if (domains.length > 0) c.domains = domains;
  }
  if (shown.has('maxTokens')) {
    const max = parseInteger(rule.maxTokens);
    if (max !== undefined) c.maxTokens = max;
  }
  if (rule.inputTypes.length > 0) c.inputTypes = [...rule.inputTypes];
  const models = splitItems(rule.models);
  if (models.length > 0) c.models = models;
  const metadata = rule.metadata
    .filter((m) => m.key.trim() !== '')
    .map((m) => {
      const key = m.key.trim();
      if (m.op === 'exists') return { key, op: m.op };
      if (m.op === 'in') return { key, op: m.op, value: splitItems(m.value) };
      return { key, op: m.op, value: m.value };
    });
  if (metadata.length > 0) c.metadata = metadata;
  return c;
}

export function ruleToBody(rule: RuleForm): PolicyRuleInput {
  const body: PolicyRuleInput = { kind: rule.kind, action: rule.action, criteria: ruleCriteria(rule) };
  if (rule.id) body.id = rule.id;
  if (rule.severity) body.severity = rule.severity;
  const description = rule.description.trim();
  if (description) body.description = description;
  return body;
}

export function formToBody(form: PolicyForm): PolicyInput {
  const priority = parseInteger(form.priority);
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    type: form.type,
    status: form.status,
    scope: form.scope,
    scopeTargetId: form.scope === 'ORG' || form.scopeTargetId === '' ? null : form.scopeTargetId,
    priority: priority ?? 100,
    rules: form.rules.map(ruleToBody),
  };
}

/** The rules with the one at `index` moved one place up (-1) or down (+1); unchanged at an end. */
export function moveRule<T>(rules: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= rules.length || to < 0 || to >= rules.length) return [...rules];
  const next = [...rules];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** Client-side hints only (the API decides): what a rule of this kind is obviously missing. */
export function ruleHint(rule: RuleForm): string | null {
  const c = ruleCriteria(rule);
  switch (rule.kind) {
    case 'DLP':
      return c.minSeverity || c.detectors || c.regex
        ? null
        : 'Pick a minimum severity, detectors or a regex.';
    case 'ALLOW_TOOLS':
    case 'DENY_TOOLS':
      return c.tools ? null : 'Pick at least one tool.';
    case 'DOMAIN_RESTRICTION':
      return c.domains ? null : 'List at least one domain.';
    case 'TOKEN_LIMIT':
      return c.maxTokens !== undefined && Number.isFinite(c.maxTokens) ? null : 'Enter a token limit.';
    case 'OTHER':
      return c.regex || c.inputTypes || c.models || c.metadata
        ? null
        : 'Add a regex or an advanced criterion.';
  }
}

/** Whether the rule uses any "Advanced matching" criterion (so the disclosure opens). */
export function hasAdvanced(rule: RuleForm): boolean {
  const regexIsAdvanced = !KIND_CRITERIA[rule.kind].includes('regex');
  return (
    rule.inputTypes.length > 0 ||
    rule.models.trim() !== '' ||
    rule.metadata.length > 0 ||
    (regexIsAdvanced && rule.regexPattern.trim() !== '')
  );
}

/**
 * Which rule (0-based) an API message is about, when it names one: schema paths such as
 * `/rules/1/criteria/regex` or `rules[1]`, or prose such as "rule 2" (1-based).
 */
export function ruleIndexFromMessage(message: string): number | null {
  const path = /rules(?:\/|\[|\.)(\d+)/.exec(message);
  if (path) return Number(path[1]);
  const prose = /\brule (\d+)\b/i.exec(message);
  if (prose) return Number(prose[1]) - 1;
  return null;
}
