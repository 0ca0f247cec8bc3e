/**
 * The last decisions of this browser profile, for the popup: when, on which site, what happened and
 * which detector types fired. Never the prompt or a snippet: the log sits in extension storage.
 */
import type { RecentDecision } from './messages.ts';
import * as items from './storage.ts';

export const MAX_DECISIONS = 20;

export interface DecisionsLog {
  record(entry: {
    url: string;
    action: RecentDecision['action'];
    detectors: readonly string[];
  }): Promise<void>;
  /** Newest first. */
  list(): Promise<RecentDecision[]>;
}

export function createDecisionsLog(now: () => Date = () => new Date()): DecisionsLog {
  // Read-modify-write of one storage item: concurrent evaluations must not drop each other's entry.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    record({ url, action, detectors }) {
      const entry: RecentDecision = {
        at: now().toISOString(),
        host: hostOf(url),
        action,
        detectors: [...new Set(detectors)],
      };
      const run = queue.then(async () => {
        const previous = await items.recentDecisions.getValue();
        await items.recentDecisions.setValue([entry, ...previous].slice(0, MAX_DECISIONS));
      });
      queue = run.catch(() => undefined);
      return run;
    },
    list: () => items.recentDecisions.getValue(),
  };
}

/** The host only: paths and query strings can carry conversation ids or search terms. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
