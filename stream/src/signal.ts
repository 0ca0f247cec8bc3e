/** A wake-up call: every `wait()` pending at the next `notify()` resolves. */
export interface Signal {
  wait(): Promise<void>;
  notify(): void;
}

export function createSignal(): Signal {
  let resolve: () => void = () => {};
  let promise = new Promise<void>((r) => (resolve = r));
  return {
    wait: () => promise,
    notify() {
      const wake = resolve;
      promise = new Promise<void>((r) => (resolve = r));
      wake();
    },
  };
}

/** Resolves at the next notify or after `ms`, whichever comes first; never leaves a timer behind. */
export async function waitFor(signal: Signal, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => (timer = setTimeout(r, Math.max(0, ms))));
  try {
    await Promise.race([signal.wait(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Yields to the event loop (I/O and timers), not just to other microtasks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((r) => setImmediate(r));
}
