import { ACTIONS, type Action } from '@kairro/core';

/** Decisions per action over the last `seconds`, in one-second slots (a ring, so O(1) per event). */
export class RollingCounters {
  private readonly seconds: number;
  private readonly slots: Array<Record<Action, number>>;
  private readonly second: number[];

  constructor(seconds = 60) {
    this.seconds = seconds;
    this.slots = Array.from({ length: seconds }, () => emptyCounts());
    this.second = Array.from({ length: seconds }, () => -1);
  }

  add(action: string, atMs: number): void {
    if (!(ACTIONS as readonly string[]).includes(action)) return;
    this.slot(Math.floor(atMs / 1000))[action as Action]++;
  }

  /** Totals over the window ending at `nowMs`. */
  read(nowMs: number): { total: number; byAction: Record<Action, number> } {
    const now = Math.floor(nowMs / 1000);
    const byAction = emptyCounts();
    for (let i = 0; i < this.seconds; i++) {
      if (this.second[i]! <= now - this.seconds || this.second[i]! > now) continue;
      for (const a of ACTIONS) byAction[a] += this.slots[i]![a];
    }
    return { total: ACTIONS.reduce((n, a) => n + byAction[a], 0), byAction };
  }

  private slot(second: number): Record<Action, number> {
    const i = ((second % this.seconds) + this.seconds) % this.seconds;
    if (this.second[i] !== second) {
      this.second[i] = second;
      this.slots[i] = emptyCounts();
    }
    return this.slots[i]!;
  }
}

const emptyCounts = (): Record<Action, number> => ({ ALLOW: 0, WARN: 0, MASK: 0, BLOCK: 0 });
