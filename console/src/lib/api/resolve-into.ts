import { handleError } from './client.ts';

/**
 * Feeds a page loader's promise into component state from an `$effect`: `loading` brackets it,
 * failures go through the one `handleError` path, and a result that arrives after the effect was
 * torn down (the user navigated on) is ignored. Returns the effect's cleanup.
 */
export function resolveInto<T>(
  promise: Promise<T>,
  on: { loading(value: boolean): void; data(value: T): void; error(message: string | null): void },
): () => void {
  let cancelled = false;
  on.loading(true);
  promise
    .then((value) => {
      if (cancelled) return;
      on.data(value);
      on.error(null);
    })
    .catch((e: unknown) => {
      if (!cancelled) on.error(handleError(e));
    })
    .finally(() => {
      if (!cancelled) on.loading(false);
    });
  return () => {
    cancelled = true;
  };
}
