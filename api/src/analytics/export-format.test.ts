import { describe, expect, it } from 'vitest';
import type { EventView } from './events.ts';
import { csvCell, exportFileName, formatEvents } from './export-format.ts';

const event: EventView = {
  eventId: '01938a3c-0000-7000-8000-000000000001',
  occurredAt: '2026-11-22T10:00:00.000Z',
  userEmail: 'ana@example.com',
  team: 'Sales, EMEA',
  tool: 'chatgpt',
  urlHost: 'chatgpt.com',
  action: 'BLOCK',
  riskLevel: 'CRITICAL',
  matchCount: 2,
  detectors: ['CREDIT_CARD', 'EMAIL'],
  promptSnippet: 'say "hi"\nto [EMAIL]',
  reasons: ['DLP: CREDIT_CARD'],
};

async function collect(it: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of it) out += chunk;
  return out;
}
async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe('event exports', () => {
  it('writes CSV with a header and quoted cells', async () => {
    const csv = await collect(formatEvents(from([event]), 'csv'));
    expect(csv).toBe(
      'event_id,occurred_at,user_email,team,tool,url_host,action,risk_level,match_count,detectors,reasons,prompt_snippet\r\n' +
        '01938a3c-0000-7000-8000-000000000001,2026-11-22T10:00:00.000Z,ana@example.com,"Sales, EMEA",chatgpt,' +
        'chatgpt.com,BLOCK,CRITICAL,2,CREDIT_CARD;EMAIL,DLP: CREDIT_CARD,"say ""hi""\nto [EMAIL]"\r\n',
    );
  });

  it('writes one JSON object per line', async () => {
    const ndjson = await collect(formatEvents(from([event, { ...event, eventId: 'x' }]), 'ndjson'));
    const lines = ndjson.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([event, { ...event, eventId: 'x' }]);
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [' padded', '" padded"'],
    ['plain', 'plain'],
    ['', ''],
  ])('defuses and quotes %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('names the file after the time of the export', () => {
    expect(exportFileName('ndjson', new Date('2026-11-22T10:30:15.250Z'))).toBe(
      'kairro-events-20261122T103015Z.ndjson',
    );
  });
});
