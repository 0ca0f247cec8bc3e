import { describe, expect, it } from 'vitest';
import { presentBacklog } from './backlog.ts';

describe('presentBacklog', () => {
  it.each([
    [{ waiting: 0, dropped: 0 }, null],
    [{ waiting: 1, dropped: 0 }, '1 event waiting to be sent.'],
    [{ waiting: 3, dropped: 0 }, '3 events waiting to be sent.'],
    [{ waiting: 500, dropped: 12 }, '500 events waiting to be sent; 12 dropped.'],
    [{ waiting: 0, dropped: 2 }, '2 dropped.'],
  ])('%j → %s', (backlog, expected) => {
    expect(presentBacklog(backlog)).toBe(expected);
  });
});
