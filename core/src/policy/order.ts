import type { CompiledPolicy, EvaluationContext } from './decision.ts';
import type { PolicyScope } from './types.ts';

type Identity = EvaluationContext['identity'];

/** Org policies evaluate first, then the team's, then the person's own. */
const LEVEL: Record<PolicyScope, number> = { ORG: 0, TEAM: 1, IDENTITY: 2 };

// Array.prototype.sort is stable, so equal priorities keep their input order.
const byLevelThenPriority = (a: CompiledPolicy, b: CompiledPolicy): number =>
  LEVEL[a.scope] - LEVEL[b.scope] || a.priority - b.priority;

/** Only ACTIVE policies decide; TEAM and IDENTITY policies apply to their own target alone. */
export function applies(p: CompiledPolicy, who: Identity): boolean {
  if (p.status !== 'ACTIVE') return false;
  if (p.scope === 'TEAM') return who.teamId !== null && p.scopeTargetId === who.teamId;
  if (p.scope === 'IDENTITY') return who.identityId !== null && p.scopeTargetId === who.identityId;
  return true;
}

/** Why a policy does not apply to this person (trace text), or null when it does. */
export function skipReason(p: CompiledPolicy, who: Identity): string | null {
  if (applies(p, who)) return null;
  if (p.status !== 'ACTIVE') return `status ${p.status}: only ACTIVE policies decide`;
  if (p.scope === 'TEAM')
    return who.teamId === null ? 'for a team; this person has no team' : 'for another team';
  return 'for another person';
}

// A service evaluates the same compiled array for every request of an org until its config
// changes, so the order is computed once per array. Callers treat compiled policies as immutable.
const ordered = new WeakMap<readonly CompiledPolicy[], readonly CompiledPolicy[]>();

/** Every policy in evaluation order (org, team, identity; each by priority), applicable or not. */
export function policiesInOrder(policies: readonly CompiledPolicy[]): readonly CompiledPolicy[] {
  let sorted = ordered.get(policies);
  if (sorted === undefined) {
    sorted = [...policies].sort(byLevelThenPriority);
    ordered.set(policies, sorted);
  }
  return sorted;
}
