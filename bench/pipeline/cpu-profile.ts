/**
 * Where a process's JavaScript time went, from a V8 .cpuprofile (`node --cpu-prof`): self time by
 * package (node_modules/<name>, the workspace, node internals) and the top functions. Native time
 * spent inside chDB shows up under the JavaScript function that called it, or as "(program)".
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fmt } from './stats.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function owner(url: string): string {
  if (!url) return '(native / VM)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const ws = /\/work\/main\/([^/]+)\//.exec(url);
  return ws ? `kairro ${ws[1]}` : url;
}

export function summarizeCpuProfiles(dir: string, what = 'the api+pipelines process'): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const byOwner = new Map<string, number>();
    const byFunction = new Map<string, number>();
    for (const [id, us] of self) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      const o = functionName.startsWith('(') ? functionName : owner(url);
      byOwner.set(o, (byOwner.get(o) ?? 0) + us);
      const f = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/work\/main\//, '')}:${lineNumber + 1}` : ''}`;
      byFunction.set(f, (byFunction.get(f) ?? 0) + us);
    }
    const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
    console.log(`\n  CPU profile of ${what} (${fmt(total / 1e6, 1)} s sampled), self time:`);
    for (const [o, us] of top(byOwner, 12))
      console.log(`    ${fmt((100 * us) / total, 1).padStart(5)} %  ${o}`);
    console.log('  top functions:');
    for (const [f, us] of top(byFunction, 15))
      console.log(`    ${fmt((100 * us) / total, 1).padStart(5)} %  ${f}`);
  }
}
