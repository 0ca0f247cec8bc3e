import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scanJsonl } from './scan.ts';

/** A writable that collects output and reports back-pressure after every few writes. */
function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      setImmediate(done);
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(lines: string[], target?: 'prompt' | 'response') {
  const out = sink();
  const stats = await scanJsonl(Readable.from([lines.join('\n') + '\n']), out.stream, target);
  return {
    stats,
    results: out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  };
}

describe('scanJsonl', () => {
  it('answers every line in order with exact spans', async () => {
    const text = '🙂 卡号 4111 1111 1111 1111, mail jane@acme.io';
    const { stats, results } = await run([
      JSON.stringify({ id: 'a', text }),
      JSON.stringify({ id: 7, text: 'nothing to see' }),
      JSON.stringify({ id: 'c', text: 'ssn 123-45-6789' }),
    ]);
    expect(stats).toEqual({ lines: 3, bad: 0 });
    expect(results.map((r) => r.id)).toEqual(['a', 7, 'c']);
    const card = text.indexOf('4111');
    const mail = text.indexOf('jane');
    expect(results[0].matches).toEqual([
      { detector: 'CREDIT_CARD', ruleId: 'credit-card', severity: 'CRITICAL', start: card, end: card + 19 },
      expect.objectContaining({ detector: 'EMAIL', start: mail, end: mail + 'jane@acme.io'.length }),
    ]);
    expect(Object.keys(results[0].matches[1]).sort()).toEqual([
      'detector',
      'end',
      'ruleId',
      'severity',
      'start',
    ]);
    expect(results[1].matches).toEqual([]);
    expect(results[2].matches).toEqual([expect.objectContaining({ detector: 'US_SSN', start: 4, end: 15 })]);
  });

  it('reports bad lines in place and keeps going', async () => {
    const { stats, results } = await run([
      '{not json',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ text: 'no id' }),
      JSON.stringify([1, 2]),
      '',
      JSON.stringify({ id: 'ok', text: 'hi' }),
    ]);
    expect(stats).toEqual({ lines: 5, bad: 4 });
    expect(results).toEqual([
      { id: null, error: 'invalid JSON' },
      { id: 'no-text', error: expect.stringContaining('text') },
      { id: null, error: expect.stringContaining('id') },
      { id: null, error: expect.stringContaining('object') },
      { id: 'ok', matches: [] },
    ]);
  });

  it('keeps order across many lines and a slow consumer', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ id: i, text: `row ${i} from 10.0.0.${i % 250}` }),
    );
    const { stats, results } = await run(lines, 'response');
    expect(stats.lines).toBe(5000);
    expect(results.map((r) => r.id)).toEqual(lines.map((_, i) => i));
    expect(results.every((r) => r.matches.length === 1 && r.matches[0].detector === 'IP_ADDRESS')).toBe(true);
  });
});
