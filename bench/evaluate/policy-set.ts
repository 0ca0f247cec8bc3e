/**
 * A realistic policy set for the evaluate benchmark: the org's defaults plus custom policies of
 * every rule kind and scope, topped up to exactly POLICIES policies and RULES rules.
 */
import type { RuleAction, RuleCriteria, RuleKind, Severity } from '@kairro/core';
import type { Sql } from '@kairro/postgres';

export const POLICIES = 20;
export const RULES = 60;

interface RuleSpec {
  kind: RuleKind;
  action: RuleAction;
  severity?: Severity;
  criteria: RuleCriteria;
}

/** Rule shapes an org writes in practice; cycled through to fill the custom policies. */
const TEMPLATES: RuleSpec[] = [
  { kind: 'DLP', action: 'BLOCK', criteria: { detectors: ['CREDIT_CARD', 'IBAN'], minSeverity: 'HIGH' } },
  { kind: 'DLP', action: 'MASK', criteria: { detectors: ['EMAIL', 'PHONE_NUMBER'], inputTypes: ['paste'] } },
  {
    kind: 'OTHER',
    action: 'WARN',
    severity: 'MEDIUM',
    criteria: {
      regex: {
        pattern: '\\b(?:project\\s+)?(?:falcon|nebula|orion)\\b',
        caseInsensitive: true,
        target: 'prompt',
      },
    },
  },
  { kind: 'TOKEN_LIMIT', action: 'WARN', severity: 'LOW', criteria: { maxTokens: 4000 } },
  { kind: 'DENY_TOOLS', action: 'BLOCK', severity: 'HIGH', criteria: { tools: ['deepseek'] } },
  {
    kind: 'ALLOW_TOOLS',
    action: 'WARN',
    severity: 'LOW',
    criteria: { tools: ['chatgpt', 'claude', 'gemini', 'copilot'] },
  },
  {
    kind: 'DOMAIN_RESTRICTION',
    action: 'BLOCK',
    severity: 'HIGH',
    criteria: { domains: ['pastebin.com', 'paste.ee'] },
  },
  {
    kind: 'DLP',
    action: 'BLOCK',
    criteria: { minSeverity: 'MEDIUM', metadata: [{ key: 'department', op: 'equals', value: 'finance' }] },
  },
  { kind: 'OTHER', action: 'WARN', severity: 'LOW', criteria: { models: ['gpt-3.5*', 'legacy-*'] } },
  {
    kind: 'OTHER',
    action: 'MASK',
    severity: 'MEDIUM',
    criteria: { regex: { pattern: '\\b[a-z0-9-]+\\.corp\\.example\\.com\\b', target: 'prompt' } },
  },
  { kind: 'DLP', action: 'ALERT', criteria: { minSeverity: 'CRITICAL' } },
  { kind: 'DLP', action: 'WARN', criteria: { detectors: ['API_KEY_LIKE'], inputTypes: ['file'] } },
];

/**
 * Adds custom policies (org, team and identity scoped) until the org has POLICIES policies with
 * RULES rules in all. Written with SQL, as the admin API would store them.
 */
export async function seedPolicySet(
  sql: Sql,
  orgId: string,
  targets: { teamId: string; identityId: string },
): Promise<{ policies: number; rules: number }> {
  const [count] = await sql<{ policies: number; rules: number }[]>`
    select (select count(*)::int from policies where org_id = ${orgId}) as policies,
           (select count(*)::int from policy_rules r join policies p on p.id = r.policy_id
             where p.org_id = ${orgId}) as rules`;
  let policies = count!.policies;
  let rules = count!.rules;
  let template = 0;
  for (let n = 1; policies < POLICIES; n++) {
    const remainingPolicies = POLICIES - policies;
    const ruleCount = Math.max(1, Math.round((RULES - rules) / remainingPolicies));
    const scope = n % 5 === 0 ? 'TEAM' : n % 7 === 0 ? 'IDENTITY' : 'ORG';
    const target = scope === 'TEAM' ? targets.teamId : scope === 'IDENTITY' ? targets.identityId : null;
    const [policy] = await sql<{ id: string }[]>`
      insert into policies (org_id, name, description, type, status, scope, scope_target_id, priority)
      values (${orgId}, ${`Bench policy ${n}`}, 'benchmark policy', 'DLP', 'ACTIVE', ${scope}, ${target},
              ${100 + n})
      returning id`;
    for (let position = 1; position <= ruleCount; position++) {
      const spec = TEMPLATES[template++ % TEMPLATES.length]!;
      await sql`
        insert into policy_rules (policy_id, position, kind, action, severity, criteria)
        values (${policy!.id}, ${position}, ${spec.kind}, ${spec.action}, ${spec.severity ?? null},
                ${sql.json(spec.criteria as never)})`;
    }
    policies++;
    rules += ruleCount;
  }
  return { policies, rules };
}
