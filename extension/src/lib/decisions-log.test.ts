import { fakeBrowser } from '../testing/fake-browser.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDecisionsLog, MAX_DECISIONS } from './decisions-log.ts';
import * as items from './storage.ts';

let clock = 0;
const log = createDecisionsLog(() => new Date(Date.UTC(2026, 2, 1, 12, 0, clock++)));

beforeEach(() => {
  fakeBrowser.reset();
  clock = 0;
});

describe('decisions log', () => {
  it('keeps the host and unique detector types, newest first', async () => {
    await log.record({ url: 'https://chatgpt.com/c/1?q=x', action: 'ALLOW', detectors: [] });
    await log.record({
      url: 'http://localhost:3000/chat',
      action: 'BLOCK',
      detectors: ['CREDIT_CARD', 'EMAIL', 'CREDIT_CARD'],
    });
    await log.record({ url: 'not a url', action: 'HELD', detectors: [] });
    expect(await log.list()).toEqual([
      { at: '2026-03-01T12:00:02.000Z', host: '', action: 'HELD', detectors: [] },
      {
        at: '2026-03-01T12:00:01.000Z',
        host: 'localhost:3000',
        action: 'BLOCK',
        detectors: ['CREDIT_CARD', 'EMAIL'],
      },
      { at: '2026-03-01T12:00:00.000Z', host: 'chatgpt.com', action: 'ALLOW', detectors: [] },
    ]);
  });

  it(`keeps the last ${MAX_DECISIONS}, even when recorded concurrently`, async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        log.record({ url: `https://tool${i}.example/`, action: 'WARN', detectors: [] }),
      ),
    );
    const list = await log.list();
    expect(list).toHaveLength(MAX_DECISIONS);
    expect(list[0]!.host).toBe('tool24.example');
    expect(list.at(-1)!.host).toBe('tool5.example');
    expect(await items.recentDecisions.getValue()).toEqual(list);
  });
});
