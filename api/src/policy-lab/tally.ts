import type { Action } from '@kairro/core';

/** One group of stored events that share everything a policy looks at, evaluated twice. */
export interface GroupOutcome<S> {
  events: number;
  user: string;
  tool: string;
  before: { action: Action; alerts: number };
  after: { action: Action; alerts: number };
  /** Whatever the caller needs to build a sample from this group. */
  sample: S;
}

export type ActionCounts = Record<Action, number>;

export interface Tally<S> {
  events: number;
  changed: number;
  transitions: Array<{ from: Action; to: Action; events: number }>;
  users: Array<{ user: string; events: number }>;
  tools: Array<{ tool: string; events: number }>;
  actions: { before: ActionCounts; after: ActionCounts };
  /** Events for which the candidate raises more alerts than the baseline (ALERT rules only). */
  alerted: number;
  /** Changed groups to show as samples: round-robin over the transitions, biggest groups first. */
  samples: Array<GroupOutcome<S>>;
}

const ORDER: readonly Action[] = ['ALLOW', 'WARN', 'MASK', 'BLOCK'];
const zero = (): ActionCounts => ({ ALLOW: 0, WARN: 0, MASK: 0, BLOCK: 0 });

/** Biggest first, then by name, so answers are stable. */
function top<K extends string>(counts: Map<string, number>, key: K, limit: number) {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([name, events]) => ({ [key]: name, events }) as Record<K, string> & { events: number });
}

/** What changed between the two evaluations, counted in events (not groups). */
export function tally<S>(
  outcomes: Iterable<GroupOutcome<S>>,
  opts: { top: number; samples: number },
): Tally<S> {
  let events = 0;
  let changed = 0;
  let alerted = 0;
  const before = zero();
  const after = zero();
  const transitions = new Map<string, { from: Action; to: Action; events: number }>();
  const users = new Map<string, number>();
  const tools = new Map<string, number>();
  const changedGroups = new Map<string, Array<GroupOutcome<S>>>();
  for (const o of outcomes) {
    events += o.events;
    before[o.before.action] += o.events;
    after[o.after.action] += o.events;
    if (o.after.alerts > o.before.alerts) alerted += o.events;
    if (o.before.action === o.after.action) continue;
    changed += o.events;
    const key = `${o.before.action}>${o.after.action}`;
    const t = transitions.get(key) ?? { from: o.before.action, to: o.after.action, events: 0 };
    t.events += o.events;
    transitions.set(key, t);
    users.set(o.user, (users.get(o.user) ?? 0) + o.events);
    tools.set(o.tool, (tools.get(o.tool) ?? 0) + o.events);
    const list = changedGroups.get(key) ?? [];
    list.push(o);
    changedGroups.set(key, list);
  }
  const sortedTransitions = [...transitions.values()].sort(
    (a, b) =>
      b.events - a.events ||
      ORDER.indexOf(a.from) - ORDER.indexOf(b.from) ||
      ORDER.indexOf(a.to) - ORDER.indexOf(b.to),
  );
  return {
    events,
    changed,
    transitions: sortedTransitions,
    users: top(users, 'user', opts.top),
    tools: top(tools, 'tool', opts.top),
    actions: { before, after },
    alerted,
    samples: roundRobin(
      sortedTransitions.map((t) =>
        [...changedGroups.get(`${t.from}>${t.to}`)!].sort((a, b) => b.events - a.events),
      ),
      opts.samples,
    ),
  };
}

/** One from each list in turn until `limit`, so every transition gets a sample if there is room. */
export function roundRobin<T>(lists: readonly T[][], limit: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < limit; i++) {
    let any = false;
    for (const list of lists) {
      if (i < list.length && out.length < limit) {
        out.push(list[i]!);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}
