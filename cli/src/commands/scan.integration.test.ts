import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/kairro.js', import.meta.url));
const LINES = Number(process.env.SCAN_LINES ?? 50_000);
const WARM_UP = 2_000;
const FILLER = 'The quarterly report is attached; please summarise the main risks for the board. '.repeat(12);

/** Peak resident set (VmHWM) of a live process, in bytes. */
function peakRss(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(kb?.[1] ?? 0) * 1024;
}

const line = (i: number): string =>
  JSON.stringify({ id: `p${i}`, text: `${FILLER}#${i} card 4111 1111 1111 1111 from 10.0.${i % 200}.7` }) +
  '\n';

describe('kairro scan (real process)', () => {
  it('streams ~50 MB of JSONL in order without holding it in memory', async () => {
    const child = spawn(process.execPath, [BIN, 'scan'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const out = createInterface({ input: child.stdout!, crlfDelay: Infinity })[Symbol.asyncIterator]();
    const next = async (): Promise<any> => JSON.parse(((await out.next()).value as string) ?? 'null');

    // A warm-up (the first WARM_UP lines, answered) loads the code and lets V8 size its heap; the
    // peak after it is the baseline, and what the rest of the input adds is the growth.
    let markWarm = (): void => {};
    const warmedUp = new Promise<void>((resolve) => (markWarm = resolve));
    let bytes = 0;
    let baseline = 0;
    let middle = 0;
    const writer = (async () => {
      for (let i = 0; i < LINES; i++) {
        if (i === WARM_UP) await warmedUp;
        const l = line(i);
        bytes += l.length;
        if (!child.stdin!.write(l)) await once(child.stdin!, 'drain');
      }
    })();
    const fillerEnd = FILLER.length;
    for (let i = 0; i < LINES; i++) {
      if (i === WARM_UP) {
        baseline = peakRss(child.pid!);
        markWarm();
      }
      if (i === LINES / 2) middle = peakRss(child.pid!);
      const r = await next();
      expect(r.id).toBe(`p${i}`);
      expect(r.matches.map((m: any) => m.detector)).toEqual(['CREDIT_CARD', 'IP_ADDRESS']);
      expect(r.matches[0].start).toBe(fillerEnd + `#${i} card `.length);
    }
    await writer;
    const peak = peakRss(child.pid!);
    child.stdin!.end();
    const [code] = await once(child, 'exit');

    const growth = peak - baseline;
    const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
    console.log(
      `scan: ${mb(bytes)} in; peak RSS after warm-up ${mb(baseline)}, half-way ${mb(middle)}, end ${mb(peak)}`,
    );
    expect(code).toBe(0);
    expect(bytes).toBeGreaterThan(50e6);
    // Holding the input would add at least its size; streaming adds only V8 heap slack (measured
    // 1–15 MB whatever the input size, 100 MB included).
    expect(growth).toBeLessThan(bytes * 0.75);
  });
});
