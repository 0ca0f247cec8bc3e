import type { RetryBackoff } from './types.ts';

export const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 200, maxMs: 5_000 };

/** Delay before redelivery after `failures` consecutive failures (1 = the first). */
export function backoffDelay(failures: number, backoff: RetryBackoff): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30)); // 2^30 already exceeds any sane cap
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** exponent);
}
