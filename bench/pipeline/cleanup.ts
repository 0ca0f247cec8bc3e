/**
 * Everything a benchmark starts registers how to undo it here; it is undone in reverse order at the
 * end, and also on Ctrl+C or SIGTERM (then the process exits 130).
 */
import { rmSync } from 'node:fs';

type Undo = { what: string; run: () => Promise<unknown> | unknown };
const undos: Undo[] = [];

export function onCleanup(what: string, run: () => Promise<unknown> | unknown): void {
  undos.push({ what, run });
}

/** Removes a temporary directory at cleanup (after the processes using it have stopped). */
export function removeAtCleanup(dir: string): void {
  onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
}

/** Undoes everything registered so far, newest first; each undo runs once even if called twice. */
export async function cleanup(): Promise<void> {
  while (undos.length > 0) {
    const undo = undos.pop()!;
    try {
      await undo.run();
    } catch (err) {
      console.error(`cleanup: ${undo.what} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping everything the benchmark started…`);
    void cleanup().finally(() => process.exit(130));
  });
}
