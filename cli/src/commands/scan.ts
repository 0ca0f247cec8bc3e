import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { scanText, type ScanTarget } from '@kairro/core';
import { ConfigError } from '../config.ts';

export interface ScanStats {
  lines: number;
  bad: number;
}

type Parsed = { id: string | number; text: string } | { id: string | number | null; error: string };

function parseLine(line: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: 'invalid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'expected an object {"id","text"}' };
  }
  const { id, text } = value as Record<string, unknown>;
  const validId = typeof id === 'string' || typeof id === 'number' ? id : null;
  if (validId === null) return { id: null, error: 'missing or invalid "id" (string or number)' };
  if (typeof text !== 'string') return { id: validId, error: 'missing or invalid "text" (string)' };
  return { id: validId, text };
}

function resultLine(parsed: Parsed, target: ScanTarget): string {
  if ('error' in parsed) return JSON.stringify(parsed);
  const matches = scanText(parsed.text, { target }).matches.map((m) => ({
    detector: m.detector,
    ruleId: m.ruleId,
    severity: m.severity,
    start: m.start,
    end: m.end,
  }));
  return JSON.stringify({ id: parsed.id, matches });
}

/**
 * JSONL in, JSONL out, one output line per non-empty input line, in input order. Reads a line at
 * a time and waits for `output` to drain, so memory stays flat however large the input is.
 */
export async function scanJsonl(
  input: Readable,
  output: Writable,
  target: ScanTarget = 'prompt',
): Promise<ScanStats> {
  const stats: ScanStats = { lines: 0, bad: 0 };
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    stats.lines++;
    if ('error' in parsed) stats.bad++;
    // One write per line, so an interactive caller gets each answer as soon as it is ready.
    if (!output.write(resultLine(parsed, target) + '\n')) await once(output, 'drain');
  }
  return stats;
}

/** `kairro scan`: stdin → stdout; exit code 1 when any input line was bad. */
export async function scan(opts: { target: string }): Promise<void> {
  if (opts.target !== 'prompt' && opts.target !== 'response') {
    throw new ConfigError(`--target must be prompt or response, not ${opts.target}`);
  }
  const stats = await scanJsonl(process.stdin, process.stdout, opts.target);
  if (stats.bad > 0) {
    process.stderr.write(`kairro scan: ${stats.bad} of ${stats.lines} lines could not be scanned\n`);
    process.exitCode = 1;
  }
}
