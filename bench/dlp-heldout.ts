/**
 * `npm run eval:dlp`: scores `scanText` on the held-out set in bench/dlp-heldout/ (written without
 * reading the detectors or the authors' corpus). Prints per-type precision / recall / F1 / support,
 * strict (type and exact span) and lenient (type and overlapping span), then every miss and every
 * false positive with the prompt id and the value's shape. Asserts nothing.
 */
import { scanText } from '@kairro/core';
import { abaValid, ibanMod97, luhnValid, nhsCheckDigit, verhoeffValid } from './dlp-heldout/gen.ts';
import { buildHeldout, SEED, type HeldoutLabel, type HeldoutPrompt } from './dlp-heldout/index.ts';
import { TEST_PANS } from './dlp-heldout/values.ts';

interface Span {
  type: string;
  start: number;
  end: number;
}

/** Each label's value must pass our own validator, so a "miss" is never our data's fault. */
function selfCheck(p: HeldoutPrompt, l: HeldoutLabel): string | null {
  const v = p.text.slice(l.start, l.end);
  const d = v.replace(/[\s-]/g, '');
  switch (l.type) {
    case 'CREDIT_CARD':
      return /^\d{13,19}$/.test(d) && luhnValid(d) && !TEST_PANS.includes(d) ? null : 'card';
    case 'IBAN':
      return ibanMod97(v) === 1 ? null : 'iban';
    case 'UK_NHS_NUMBER':
      return /^\d{10}$/.test(d.replace(/ /g, '')) && nhsCheckDigit(d.slice(0, 9)) === Number(d[9])
        ? null
        : 'nhs';
    case 'IN_AADHAAR':
      return /^[2-9]\d{11}$/.test(d) && verhoeffValid(d) ? null : 'aadhaar';
    case 'US_BANK_ROUTING':
      return /^\d{9}$/.test(v) && abaValid(v) ? null : 'aba';
    case 'US_SSN': {
      const m = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(v);
      return m && m[1] !== '000' && m[1] !== '666' && m[1]![0] !== '9' && m[2] !== '00' && m[3] !== '0000'
        ? null
        : 'ssn';
    }
    default:
      return v.trim() === v && v.length > 0 ? null : 'whitespace';
  }
}

/** Shape of a value without the value: letters -> a/A, digits -> 9, long runs elided. */
const classes = (s: string) => s.replace(/[A-Z]/g, 'A').replace(/[a-z]/g, 'a').replace(/[0-9]/g, '9');

function shape(s: string): string {
  const sh = classes(s.replace(/\n/g, '⏎'));
  return sh.length > 28 ? `${sh.slice(0, 14)}…${sh.slice(-8)} (${s.length} chars)` : sh;
}

/** The prompt with every labelled value replaced by its shape (same length), for the context. */
function masked(p: HeldoutPrompt): string {
  let text = p.text;
  for (const l of p.labels)
    text = text.slice(0, l.start) + classes(text.slice(l.start, l.end)) + text.slice(l.end);
  return text;
}

/** A little surrounding context with the value replaced by its shape. */
function excerpt(p: HeldoutPrompt, s: Span): string {
  const text = masked(p);
  const before = text.slice(Math.max(0, s.start - 24), s.start).replace(/\s+/g, ' ');
  const after = text.slice(s.end, s.end + 16).replace(/\s+/g, ' ');
  return `…${before}⟦${shape(p.text.slice(s.start, s.end))}⟧${after}…`;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** One-to-one matching per prompt and type: exact pairs first, then (lenient) overlapping ones. */
function score(gold: Span[], found: Span[], lenient: boolean) {
  const usedG = new Set<number>();
  const usedF = new Set<number>();
  const pair = (ok: (g: Span, f: Span) => boolean) => {
    gold.forEach((g, gi) => {
      if (usedG.has(gi)) return;
      const fi = found.findIndex((f, i) => !usedF.has(i) && f.type === g.type && ok(g, f));
      if (fi >= 0) {
        usedG.add(gi);
        usedF.add(fi);
      }
    });
  };
  pair(same);
  if (lenient) pair(overlaps);
  return {
    tp: gold.filter((_, i) => usedG.has(i)),
    fn: gold.filter((_, i) => !usedG.has(i)),
    fp: found.filter((_, i) => !usedF.has(i)),
  };
}

const set = buildHeldout();
const problems = set
  .flatMap((p) => p.labels.map((l) => [p.id, selfCheck(p, l)] as const))
  .filter(([, e]) => e);
if (problems.length) console.warn('label self-check failed:', problems);

const strict = new Map<string, Counts>();
const lenient = new Map<string, Counts>();
const bump = (m: Map<string, Counts>, type: string, k: keyof Counts) => {
  const c = m.get(type) ?? { tp: 0, fp: 0, fn: 0 };
  c[k]++;
  m.set(type, c);
};
const misses: string[] = [];
const falsePositives: string[] = [];
const lenientOnly: string[] = [];
let scanMs = 0;

for (const p of set) {
  const t0 = performance.now();
  const found: Span[] = scanText(p.text).matches.map((m) => ({
    type: m.detector,
    start: m.start,
    end: m.end,
  }));
  scanMs += performance.now() - t0;
  const s = score(p.labels, found, false);
  const l = score(p.labels, found, true);
  for (const g of s.tp) bump(strict, g.type, 'tp');
  for (const g of s.fn) bump(strict, g.type, 'fn');
  for (const f of s.fp) bump(strict, f.type, 'fp');
  for (const g of l.tp) bump(lenient, g.type, 'tp');
  for (const g of l.fn) bump(lenient, g.type, 'fn');
  for (const f of l.fp) bump(lenient, f.type, 'fp');
  for (const g of l.fn) misses.push(`  ${p.id.padEnd(22)} ${g.type.padEnd(16)} ${excerpt(p, g)}`);
  for (const f of l.fp) {
    const other = p.labels.find((g) => overlaps(g, f));
    const note = other ? `  [overlaps a ${other.type} label]` : '';
    falsePositives.push(`  ${p.id.padEnd(22)} ${f.type.padEnd(16)} ${excerpt(p, f)}${note}`);
  }
  for (const g of s.fn) {
    const f = found.find((x) => x.type === g.type && overlaps(x, g));
    if (f)
      lenientOnly.push(
        `  ${p.id.padEnd(22)} ${g.type.padEnd(16)} label ${g.start}–${g.end} found ${f.start}–${f.end}  ${excerpt(p, f)}`,
      );
  }
}

const f3 = (x: number) => (Number.isNaN(x) ? '   — ' : x.toFixed(3));
function table(title: string, m: Map<string, Counts>) {
  console.log(`\n${title}`);
  console.log(`${'type'.padEnd(17)} precision  recall     F1   support   TP   FP   FN`);
  const types = [...m.keys()].sort();
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const row = (name: string, c: Counts) => {
    const p = c.tp / (c.tp + c.fp);
    const r = c.tp / (c.tp + c.fn);
    const f = (2 * p * r) / (p + r);
    console.log(
      `${name.padEnd(17)} ${f3(p).padStart(9)} ${f3(r).padStart(7)} ${f3(f).padStart(6)} ${String(c.tp + c.fn).padStart(9)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}`,
    );
  };
  for (const ty of types) {
    const c = m.get(ty)!;
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    row(ty, c);
  }
  row('all (micro)', total);
}

const nLabels = set.reduce((n, p) => n + p.labels.length, 0);
console.log(
  `held-out DLP set: ${set.length} prompts (${set.filter((p) => !p.labels.length).length} with no findings), ${nLabels} labels, seed ${SEED}; scan ${scanMs.toFixed(0)} ms`,
);
table('strict (type + exact span)', strict);
table('lenient (type + overlapping span)', lenient);
console.log(`\nmisses, lenient (${misses.length}):\n${misses.join('\n') || '  none'}`);
console.log(
  `\nfalse positives, lenient (${falsePositives.length}):\n${falsePositives.join('\n') || '  none'}`,
);
console.log(
  `\nspan disagreements (right type, overlapping, not exact) (${lenientOnly.length}):\n${lenientOnly.join('\n') || '  none'}`,
);
