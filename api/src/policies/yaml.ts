import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { Document, LineCounter, parseDocument, type Node } from 'yaml';
import { POLICY_SCOPES, type PolicyScope } from '@kairro/core';
import { ApiError } from '@kairro/http';
import {
  findIdentityByEmail,
  findTeamByName,
  inTransaction,
  listPolicies,
  type PolicyInput,
  type SessionUser,
  type Sql,
} from '@kairro/postgres';
import { PolicyCreateBody, RuleBody, type ImportResult, type PolicyView } from '../routes/policy-schemas.ts';
import { savePolicy } from './save.ts';
import { loadValidationContext } from './validate.ts';
import { policyViews } from './view.ts';

/** Largest YAML body the import accepts. */
export const YAML_BODY_LIMIT = 1024 * 1024;

const HEADER = ` Kairro policies (format version 1).
 Import with POST /v1/admin/policies/import (Content-Type: application/yaml): policies are matched
 by name and their fields and rules replaced; policies not in the file are left alone.
 Teams are given by name, identities by email, tools by the org's tool ids.`;

const p = PolicyCreateBody.properties;
const YamlRule = Type.Object(
  {
    kind: RuleBody.properties.kind,
    action: RuleBody.properties.action,
    severity: RuleBody.properties.severity,
    description: RuleBody.properties.description,
    criteria: Type.Optional(RuleBody.properties.criteria),
  },
  { additionalProperties: false },
);
const YamlPolicy = Type.Object(
  {
    name: p.name,
    description: p.description,
    type: p.type,
    status: p.status,
    scope: p.scope,
    team: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'TEAM scope: the team name' }),
    ),
    identity: Type.Optional(
      Type.String({ minLength: 3, maxLength: 320, description: 'IDENTITY scope: the email' }),
    ),
    priority: p.priority,
    rules: Type.Optional(Type.Array(YamlRule)),
  },
  { additionalProperties: false },
);
type YamlPolicy = Static<typeof YamlPolicy>;
const YamlFile = Type.Object(
  { version: Type.Optional(Type.Literal(1)), policies: Type.Array(YamlPolicy, { maxItems: 1000 }) },
  { additionalProperties: false },
);

/** Every policy of the org as stable, diffable YAML: no ids or timestamps, fixed key order. */
export async function exportPoliciesYaml(sql: Sql, orgId: string): Promise<string> {
  const views = await policyViews(sql, orgId, await listPolicies(sql, orgId));
  const rank = (v: PolicyView) => POLICY_SCOPES.indexOf(v.scope);
  views.sort((a, b) => rank(a) - rank(b) || a.priority - b.priority || a.name.localeCompare(b.name));
  const doc = new Document(
    { version: 1, policies: views.map(toYamlPolicy) },
    { aliasDuplicateObjects: false },
  );
  doc.commentBefore = HEADER;
  return doc.toString({ lineWidth: 0 });
}

function toYamlPolicy(v: PolicyView): YamlPolicy {
  return {
    name: v.name,
    ...(v.description ? { description: v.description } : {}),
    type: v.type,
    status: v.status,
    scope: v.scope,
    ...(v.scope === 'TEAM' ? { team: v.scopeTargetName ?? v.scopeTargetId ?? '' } : {}),
    ...(v.scope === 'IDENTITY' ? { identity: v.scopeTargetName ?? v.scopeTargetId ?? '' } : {}),
    priority: v.priority,
    rules: v.rules.map((r) => ({
      kind: r.kind,
      action: r.action,
      ...(r.severity ? { severity: r.severity } : {}),
      ...(r.description ? { description: r.description } : {}),
      criteria: r.criteria,
    })),
  };
}

/**
 * Parses and validates every policy of the file, then (unless `dryRun`) creates or updates them by
 * name in one transaction, one audit entry each. Any problem: 400 naming every bad policy, nothing
 * written.
 */
export async function importPoliciesYaml(
  sql: Sql,
  user: SessionUser,
  text: string,
  opts: { dryRun: boolean },
): Promise<ImportResult> {
  const { file, lineOf } = parseFile(text);
  const seen = new Set<string>();
  for (const [i, policy] of file.policies.entries()) {
    const name = policy.name.trim();
    if (seen.has(name)) throw invalid(`policy "${name}" appears twice (line ${lineOf(i)}).`);
    seen.add(name);
  }
  return inTransaction(sql, async (tx) => {
    const ctx = await loadValidationContext(tx, user.orgId);
    const existing = new Map(
      (await policyViews(tx, user.orgId, await listPolicies(tx, user.orgId))).map((v) => [v.name, v]),
    );
    const inputs: Array<{ before: PolicyView | undefined; input: PolicyInput }> = [];
    const problems: ApiError[] = [];
    for (const [i, policy] of file.policies.entries()) {
      try {
        const before = existing.get(policy.name.trim());
        const input = await toInput(tx, user.orgId, policy, before);
        // Validation and the change description, nothing written yet.
        await savePolicy(tx, user, ctx, before, input, { change: 'import', dryRun: true });
        inputs.push({ before, input });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        problems.push(new ApiError(err.code, `${err.message} (line ${lineOf(i)})`));
      }
    }
    if (problems.length > 0)
      throw new ApiError(
        problems.every((e) => e.code === 'INVALID_PATTERN') ? 'INVALID_PATTERN' : 'VALIDATION_FAILED',
        `Nothing was imported. ${problems.map((e) => e.message).join(' ')}`,
      );
    const result: ImportResult = {
      dryRun: opts.dryRun,
      created: [],
      updated: [],
      unchanged: [],
      changes: [],
    };
    for (const { before, input } of inputs) {
      const saved = await savePolicy(tx, user, ctx, before, input, { change: 'import', dryRun: opts.dryRun });
      const name = input.name.trim();
      result[saved.result].push(name);
      result.changes.push({ name, result: saved.result, description: saved.description });
    }
    return result;
  });
}

function parseFile(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = lineCounter.linePos(error.pos[0]);
    const message = error.message.split('\n')[0];
    throw invalid(`YAML syntax error at line ${at.line}, column ${at.col}: ${message}`);
  }
  const lineOf = (i: number) => {
    const node = doc.getIn(['policies', i], true) as Node | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 0;
  };
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!Value.Check(YamlFile, value)) {
    // One message per field: a union of literals reports each literal; say what is allowed instead.
    const byPath = new Map<string, { message: string; allowed: unknown[] }>();
    for (const e of Value.Errors(YamlFile, value)) {
      if (e.keyword === 'boolean') continue;
      const entry = byPath.get(e.instancePath) ?? { message: e.message, allowed: [] };
      if (e.keyword === 'const') entry.allowed.push((e.params as { allowedValue?: unknown }).allowedValue);
      byPath.set(e.instancePath, entry);
    }
    const problems = [...byPath].slice(0, 5).map(([path, e]) => {
      const message = e.allowed.length ? `must be one of ${e.allowed.join(', ')}` : e.message;
      return describeSchemaError(value, path, message, lineOf);
    });
    throw invalid([...new Set(problems)].join(' '));
  }
  return { file: value, lineOf };
}

function describeSchemaError(
  value: unknown,
  path: string,
  message: string,
  lineOf: (i: number) => number,
): string {
  const m = /^\/policies\/(\d+)(\/.*)?$/.exec(path);
  if (!m)
    return 'The file needs `policies:`, a list of policies (and optionally `version: 1`), nothing else.';
  const index = Number(m[1]);
  const policies = (value as { policies: Array<{ name?: unknown }> }).policies;
  const name =
    typeof policies[index]?.name === 'string' ? `"${policies[index]!.name as string}"` : `#${index + 1}`;
  const field =
    (m[2] ?? '')
      .slice(1)
      .replace(/\/(\d+)/g, '[$1]')
      .replaceAll('/', '.') || 'the policy';
  return `Policy ${name} (line ${lineOf(index)}): ${field} ${message}.`;
}

/** The policy as a write takes it: team and identity resolved to ids, existing rule ids kept by position. */
async function toInput(
  sql: Sql,
  orgId: string,
  y: YamlPolicy,
  before: PolicyView | undefined,
): Promise<PolicyInput> {
  const name = y.name.trim();
  const scope: PolicyScope = y.scope ?? 'ORG';
  const fail = (message: string) => invalid(`Policy "${name}": ${message}`);
  if (scope !== 'TEAM' && y.team !== undefined) throw fail(`\`team\` is only for scope TEAM.`);
  if (scope !== 'IDENTITY' && y.identity !== undefined)
    throw fail(`\`identity\` is only for scope IDENTITY.`);
  let scopeTargetId: string | null = null;
  if (scope === 'TEAM') {
    if (y.team === undefined) throw fail('a TEAM policy needs `team:` (the team name).');
    scopeTargetId = (await findTeamByName(sql, orgId, y.team))?.id ?? null;
    if (!scopeTargetId) throw fail(`team "${y.team}" is not one of your organisation's teams.`);
  } else if (scope === 'IDENTITY') {
    if (y.identity === undefined) throw fail('an IDENTITY policy needs `identity:` (the email).');
    scopeTargetId = (await findIdentityByEmail(sql, orgId, y.identity))?.id ?? null;
    if (!scopeTargetId) throw fail(`identity "${y.identity}" is not one of your organisation's identities.`);
  }
  return {
    name,
    description: y.description ?? '',
    type: y.type,
    status: y.status ?? 'ACTIVE',
    scope,
    scopeTargetId,
    priority: y.priority ?? 100,
    rules: (y.rules ?? []).map((r, i) => ({
      ...r,
      id: before?.rules[i]?.id,
      criteria: r.criteria ?? {},
    })),
  };
}

const invalid = (message: string) => new ApiError('VALIDATION_FAILED', message);
