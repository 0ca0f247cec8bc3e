/**
 * `npm run bench:dlp`: speed of the DLP engine on one core, beside a naive scanner (five plain
 * global regexes, one per seed type, no prefilter, no validation) in the same run. Prints figures;
 * asserts nothing.
 */
import { randomInt, scanText, seededRandom } from '@kairro/core';
import { generateCorpus } from '../core/src/dlp/corpus/index.ts';

const NAIVE: readonly RegExp[] = [
  /\b(?:\d[ -]?){12,18}\d\b/g,
  /\b(?:AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{36}|sk-[A-Za-z0-9_-]{20,}|xox[baprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})\b|(?:api[_-]?key|secret|token|password)\s*[:=]\s*["']?[^\s"']{8,}/gi,
  /\b\d{3}-\d{2}-\d{4}\b/g,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  /\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b/g,
];

function naiveScan(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const re of NAIVE) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) found.push([m.index, m.index + m[0].length]);
  }
  return found;
}

const PROSE = [
  'Could you help me restructure this paragraph so the argument flows better and the conclusion is stronger?',
  'We shipped the new onboarding flow on Tuesday; activation went up, but support tickets about billing doubled.',
  'Die Besprechung wurde auf Donnerstag verschoben, bitte bereite die Zahlen für das dritte Quartal vor.',
  "L'équipe produit souhaite une synthèse des retours clients avant la revue de la feuille de route.",
  'Necesitamos una versión más corta de este texto para el boletín interno de la semana que viene.',
  '来週の定例会議までに、この提案書の要点を三つにまとめてください。',
  'function total(items) {\n  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n}',
  'SELECT customer_id, count(*) AS orders FROM orders WHERE created_at > now() - interval 30 day GROUP BY 1;',
  'def retry(fn, attempts=3):\n    for i in range(attempts):\n        try:\n            return fn()\n        except TimeoutError:\n            continue',
];

/** Mostly clean prose and code; about one prompt in four carries a corpus prompt with findings. */
function mixedPrompt(rand: () => number, size: number, corpus: readonly string[], share = 0.25): string {
  let text = rand() < share ? corpus[randomInt(rand, 0, corpus.length - 1)]! + '\n' : '';
  while (text.length < size) text += PROSE[randomInt(rand, 0, PROSE.length - 1)]! + '\n';
  return text.slice(0, size);
}

const rand = seededRandom(42);
const corpus = generateCorpus(7, 2000).map((p) => p.text);
const mixed = Array.from({ length: 3000 }, () => mixedPrompt(rand, Math.round(200 * 40 ** rand()), corpus));
const ofSize = (size: number) => Array.from({ length: 500 }, () => mixedPrompt(rand, size, corpus));
const clean = Array.from({ length: 1000 }, () =>
  mixedPrompt(rand, Math.round(200 * 40 ** rand()), corpus, 0),
);
const utf8 = (texts: readonly string[]) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const utf8Bytes = utf8(mixed);

type Scanner = (text: string) => unknown;

function throughput(scan: Scanner, texts: readonly string[] = mixed): number {
  for (const t of texts) scan(t);
  const size = utf8(texts);
  let bytes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 2e9) {
    for (const t of texts) scan(t);
    bytes += size;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return bytes / 1e6 / (elapsed / 1e9);
}

function latency(scan: Scanner, prompts: readonly string[]): { p50: number; p99: number } {
  for (let i = 0; i < 2000; i++) scan(prompts[i % prompts.length]!);
  const us: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const t = prompts[i % prompts.length]!;
    const start = process.hrtime.bigint();
    scan(t);
    us.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  us.sort((a, b) => a - b);
  return { p50: us[Math.floor(us.length * 0.5)]!, p99: us[Math.floor(us.length * 0.99)]! };
}

const ours: Scanner = (t) => scanText(t);
const kb1 = ofSize(1024);
const kb4 = ofSize(4096);
const rows = [
  ['kairro scanText', ours],
  ['naive 5 regexes', naiveScan],
] as const;

console.log(
  `mixed prompts: ${mixed.length}, ${(utf8Bytes / 1e6).toFixed(1)} MB UTF-8, 200 B–8 KB; node ${process.version}, one core`,
);
const results = rows.map(([name, scan]) => ({
  name,
  mbps: throughput(scan),
  kb1: latency(scan, kb1),
  kb4: latency(scan, kb4),
}));
const f = (n: number) => n.toFixed(1).padStart(8);
console.log('scanner              MB/s   1KB p50   1KB p99   4KB p50   4KB p99   (µs)');
for (const r of results) {
  console.log(
    `${r.name.padEnd(16)} ${f(r.mbps)}  ${f(r.kb1.p50)}  ${f(r.kb1.p99)}  ${f(r.kb4.p50)}  ${f(r.kb4.p99)}`,
  );
}
console.log(
  `kairro scanText on clean prose/code only: ${throughput(ours, clean).toFixed(1)} MB/s; ` +
    `on the corpus prompts alone (findings-dense): ${throughput(ours, corpus).toFixed(1)} MB/s`,
);
const [k, naive] = results as [(typeof results)[0], (typeof results)[0]];
const ratio = k.mbps / naive.mbps;
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log(`\ntargets:`);
console.log(`  throughput ≥ 150 MB/s:       ${k.mbps.toFixed(1)} MB/s  ${mark(k.mbps >= 150)}`);
console.log(`  ≥ 10× the naive scanner:     ${ratio.toFixed(1)}×  ${mark(ratio >= 10)}`);
console.log(`  p99 for a 4 KB prompt < 100 µs: ${k.kb4.p99.toFixed(1)} µs  ${mark(k.kb4.p99 < 100)}`);
