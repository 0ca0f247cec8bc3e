import type { Policy, PolicyRule } from './types.ts';

export type NewPolicyRule = Omit<PolicyRule, 'id'>;
export type NewPolicy = Omit<Policy, 'id' | 'rules'> & { rules: NewPolicyRule[] };

export const PASTE_SITES: readonly string[] = [
  'pastebin.com',
  'paste.ee',
  'hastebin.com',
  'ghostbin.com',
  'justpaste.it',
  'dpaste.org',
  'rentry.co',
  'controlc.com',
];

const orgDefault = { scope: 'ORG', scopeTargetId: null, isDefault: true } as const;

/**
 * The policies a new organisation starts with; fresh objects on every call so callers may mutate.
 * Defaults cannot be deleted, so the set stays small. The active ones leave typed prompts on an
 * AI tool exactly as the fallback would (a card blocks, an email warns, clean text passes) while
 * naming the policy in the reason; the alert adds a SOC notification, not a different action.
 */
export function defaultPolicies(): NewPolicy[] {
  return [
    {
      ...orgDefault,
      name: 'Block high and critical sensitive data',
      description:
        'Blocks prompts with card numbers, secrets, national ids and other HIGH or CRITICAL findings.',
      type: 'DLP',
      status: 'ACTIVE',
      priority: 10,
      rules: [{ kind: 'DLP', action: 'BLOCK', criteria: { minSeverity: 'HIGH' } }],
    },
    {
      ...orgDefault,
      name: 'Warn on medium sensitive data',
      description:
        'Asks the employee to confirm before sending emails, phone numbers and other MEDIUM findings.',
      type: 'DLP',
      status: 'ACTIVE',
      priority: 20,
      rules: [{ kind: 'DLP', action: 'WARN', criteria: { minSeverity: 'MEDIUM' } }],
    },
    {
      ...orgDefault,
      name: 'Block paste sites',
      description: 'Public paste sites are a common exfiltration channel; nothing is sent to them.',
      type: 'SHADOW_AI',
      status: 'ACTIVE',
      priority: 30,
      rules: [
        {
          kind: 'DOMAIN_RESTRICTION',
          action: 'BLOCK',
          severity: 'HIGH',
          criteria: { domains: [...PASTE_SITES] },
        },
      ],
    },
    {
      ...orgDefault,
      name: 'Alert on critical sensitive data',
      description:
        'Notifies the SOC of every attempt to send CRITICAL data (cards, secrets), whatever the decision.',
      type: 'DLP',
      status: 'ACTIVE',
      priority: 40,
      rules: [{ kind: 'DLP', action: 'ALERT', criteria: { minSeverity: 'CRITICAL' } }],
    },
    {
      ...orgDefault,
      name: 'Block chosen providers and models',
      description:
        'A template, disabled: replace example-model-* with the models to forbid (e.g. deepseek-*), or add a DENY_TOOLS rule for whole tools, then activate it.',
      type: 'ACCESS_CONTROL',
      status: 'DISABLED',
      priority: 50,
      rules: [
        { kind: 'OTHER', action: 'BLOCK', severity: 'MEDIUM', criteria: { models: ['example-model-*'] } },
      ],
    },
  ];
}
