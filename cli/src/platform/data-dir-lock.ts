import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type KairroConfig } from '../config.ts';

/**
 * One Kairro process per data directory: the embedded stores cannot be shared, and a second process
 * would otherwise take the first one's live Postgres for an orphan of a crash and stop it.
 * A lock left by a process that no longer exists (kill -9) is taken over.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'kairro.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new ConfigError(
          `Another Kairro process (pid ${holder}) is using ${dataDir}. Stop it first, or set KAIRRO_DATA_DIR to another directory.`,
        );
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new ConfigError(`Could not lock ${dataDir}; remove ${file} if no Kairro process is running.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Locks the data directory when this process keeps state there: an embedded store (Postgres or
 * chDB) or a disk stream (the embedded stream, ingest's Kafka buffer).
 */
export function lockIfEmbedded(
  config: KairroConfig,
  uses: { clickhouse: boolean; diskStream: boolean },
): { release(): void } | undefined {
  const local = !config.databaseUrl || (uses.clickhouse && !config.clickhouseUrl) || uses.diskStream;
  return local ? lockDataDir(config.dataDir) : undefined;
}
