import type { ClickHouseClient } from '@clickhouse/client';
import {
  compilePolicies,
  evaluate,
  type Action,
  type CompiledPolicy,
  type LicenseState,
  type Policy,
} from '@kairro/core';
import { re2Compiler } from '@kairro/ingest/org-policy';
import type { OrgConfig } from '@kairro/postgres';
import {
  countEvents,
  eventGroups,
  hasContextColumns,
  sampleDetails,
  type EventGroup,
} from './event-groups.ts';
import {
  policySets,
  tokenThresholds,
  unsimulatableRules,
  withoutUnsimulatable,
  type NotSimulated,
} from './policy-sets.ts';
import { contextFromStored, dlpFromFindings, type OrgDirectory, type StoredFinding } from './reconstruct.ts';
import { tally, type ActionCounts, type GroupOutcome } from './tally.ts';

const DAY = 24 * 3_600_000;
/** At most this many distinct groups are evaluated; the biggest ones, so most events are covered. */
export const MAX_GROUPS = 100_000;
const TOP = 10;
const SAMPLES = 10;

/** Simulation judges policies, not licenses: every stored event is re-evaluated as licensed. */
const VALID_LICENSE: LicenseState = { status: 'ACTIVE', expiresAt: '9999-12-31T23:59:59.999Z' };

export interface SimulationSample {
  eventId: string;
  occurredAt: string;
  user: string;
  tool: string;
  before: Action;
  after: Action;
  /** The candidate's reasons for this event. */
  reasons: string[];
}

export interface SimulationResult {
  policy: { id: string; name: string };
  from: string;
  to: string;
  days: number;
  /** Events re-evaluated (all of the range unless `truncated`). */
  events: number;
  /** Events the org stored in the range. */
  eventsInRange: number;
  /** Distinct combinations evaluated (each twice). */
  groups: number;
  changed: number;
  transitions: Array<{ from: Action; to: Action; events: number }>;
  users: Array<{ user: string; events: number }>;
  tools: Array<{ tool: string; events: number }>;
  actions: { before: ActionCounts; after: ActionCounts };
  alerted: number;
  samples: SimulationSample[];
  notSimulated: NotSimulated[];
  truncated: boolean;
}

export interface SimulationInput {
  ch: ClickHouseClient;
  config: Pick<OrgConfig, 'orgId' | 'policies' | 'tools' | 'identities'>;
  /** The policy to try, as `policyToTry` resolved it. */
  policy: Policy;
  days: number;
  now: Date;
  maxGroups?: number;
  onPatternError?: (err: unknown) => void;
}

/**
 * Re-evaluates the org's stored events of the last `days` days twice: with its active policies, and
 * with `policy` active too (in place of its saved version). Only the policy differs, so every
 * difference is the policy's. Prompts are never stored: each event is rebuilt from its findings and
 * context columns (see `reconstruct.ts`), and rules that need the text are listed in `notSimulated`.
 */
export async function simulatePolicy(input: SimulationInput): Promise<SimulationResult> {
  const { ch, config, policy, now } = input;
  const { baseline, candidate } = policySets(config.policies, policy);
  const compile = (policies: Policy[]) =>
    withoutUnsimulatable(compilePolicies(policies, re2Compiler, input.onPatternError));
  const before = compile(baseline);
  const after = compile(candidate);
  const directory: OrgDirectory = { tools: config.tools, identities: config.identities };

  const range = { from: new Date(now.getTime() - input.days * DAY), to: now };
  const contextColumns = await hasContextColumns(ch);
  const { groups, truncated } = await eventGroups(ch, config.orgId, range, {
    limit: input.maxGroups ?? MAX_GROUPS,
    tokenThresholds: tokenThresholds([...baseline, ...candidate]),
    contextColumns,
  });

  const decide = (policies: readonly CompiledPolicy[], group: EventGroup, findings: StoredFinding[]) =>
    evaluate({
      now,
      license: VALID_LICENSE,
      policies,
      dlp: dlpFromFindings(findings),
      context: contextFromStored(group, directory),
    });
  const outcomes: Array<GroupOutcome<EventGroup>> = groups.map((group) => {
    const b = decide(before, group, group.findings);
    const a = decide(after, group, group.findings);
    return {
      events: group.events,
      user: group.user,
      tool: group.tool,
      before: { action: b.action, alerts: b.alerts.length },
      after: { action: a.action, alerts: a.alerts.length },
      sample: group,
    };
  });
  const result = tally(outcomes, { top: TOP, samples: SAMPLES });

  // Samples are re-evaluated from their own stored event, so the reasons carry its real positions
  // and token count rather than the group's.
  const details = await sampleDetails(
    ch,
    config.orgId,
    range,
    result.samples.map((s) => s.sample.sampleId),
    contextColumns,
  );
  const samples = result.samples.map(({ sample: group, before: b, after: a }) => {
    const own = details.get(group.sampleId);
    const event = own ? { ...group, promptTokens: own.promptTokens } : group;
    const reasons = decide(after, event, own?.findings ?? group.findings).reasons;
    return {
      eventId: group.sampleId,
      occurredAt: group.sampleAt,
      user: group.user,
      tool: group.tool,
      before: b.action,
      after: a.action,
      reasons,
    };
  });

  return {
    policy: { id: policy.id, name: policy.name },
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    days: input.days,
    events: result.events,
    eventsInRange: truncated ? await countEvents(ch, config.orgId, range) : result.events,
    groups: groups.length,
    changed: result.changed,
    transitions: result.transitions,
    users: result.users,
    tools: result.tools,
    actions: result.actions,
    alerted: result.alerted,
    samples,
    notSimulated: dedupe([...unsimulatableRules(candidate), ...unsimulatableRules(baseline)]),
    truncated,
  };
}

function dedupe(list: NotSimulated[]): NotSimulated[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const key = `${n.policyId}\u0000${n.ruleIndex}\u0000${n.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
