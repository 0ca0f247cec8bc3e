/** What /proc says about the benchmark's processes: the process tree, memory (PSS, RSS) and CPU time. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function stat(pid: number): string[] | undefined {
  try {
    // Fields after the command name, which may hold spaces: state is [0], ppid [1], utime [11], stime [12].
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined;
  }
}

/** Every descendant of `pid` (children, grandchildren…), e.g. the embedded Postgres backends. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = stat(Number(entry));
    if (!fields) continue;
    const ppid = Number(fields[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const all: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      all.push(c);
      walk(c);
    }
  };
  walk(pid);
  return all;
}

function smapsKb(pid: number, field: 'Pss' | 'Rss'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Proportional set size in MB (shared pages split between the processes that map them). */
export const pssMb = (pid: number): number => smapsKb(pid, 'Pss') / 1024;
export const rssMb = (pid: number): number => smapsKb(pid, 'Rss') / 1024;

/** CPU seconds (user + system, all threads) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = stat(pid);
  if (!fields) return 0;
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** A named group of processes measured together (e.g. the embedded Postgres backends). */
export interface Watched {
  name: string;
  pids: () => number[];
}

export const single = (name: string, pid: number): Watched => ({ name, pids: () => [pid] });
export const childrenOf = (name: string, pid: number): Watched => ({ name, pids: () => descendants(pid) });

/** The first descendant of `pid` whose command name is `comm` (e.g. the mock Kafka broker). */
export function findChild(pid: number, comm: string): number | undefined {
  return descendants(pid).find((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === comm;
    } catch {
      return false;
    }
  });
}

export function groupPssMb(w: Watched): number {
  return w.pids().reduce((sum, p) => sum + pssMb(p), 0);
}

/** CPU seconds of a group; processes that already exited are not counted. */
export function groupCpuSeconds(w: Watched): number {
  return w.pids().reduce((sum, p) => sum + cpuSeconds(p), 0);
}

/** CPU use of each group between two moments, in cores (1.0 = one core busy all the time). */
export function cpuMeter(groups: Watched[]): { stop(): Array<{ name: string; cores: number }> } {
  const t0 = performance.now();
  const start = groups.map((g) => groupCpuSeconds(g));
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      return groups.map((g, i) => ({ name: g.name, cores: (groupCpuSeconds(g) - start[i]!) / seconds }));
    },
  };
}

/** CPU seconds per thread name (`comm`) of one process: the JS main thread is "node", libuv's pool
 * "libuv-worker", V8's "V8 Worker", chDB's threads carry ClickHouse's names. */
function threadCpu(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of tids) {
    try {
      const raw = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
      byName.set(name, (byName.get(name) ?? 0) + seconds);
    } catch {
      // thread ended
    }
  }
  return byName;
}

/** CPU of one process's threads between two moments, grouped by thread name, busiest first. */
export function threadCpuMeter(pid: number): { stop(): Array<{ name: string; cores: number }> } {
  const t0 = performance.now();
  const start = threadCpu(pid);
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      return [...threadCpu(pid)]
        .map(([name, s]) => ({ name, cores: (s - (start.get(name) ?? 0)) / seconds }))
        .filter((t) => t.cores >= 0.01)
        .sort((a, b) => b.cores - a.cores);
    },
  };
}
