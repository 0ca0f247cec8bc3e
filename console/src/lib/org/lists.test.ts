import { describe, expect, it } from 'vitest';
import { appendById, replaceById } from './lists.ts';

const row = (id: string, v = 0) => ({ id, v });

describe('appendById', () => {
  it('adds the next page without repeating a row', () => {
    expect(appendById([row('a'), row('b')], [row('b', 1), row('c')])).toEqual([row('a'), row('b'), row('c')]);
  });
});

describe('replaceById', () => {
  it('swaps the row with the same id, in place', () => {
    expect(replaceById([row('a'), row('b')], row('b', 2))).toEqual([row('a'), row('b', 2)]);
  });

  it('leaves the list as it was for an unknown id', () => {
    expect(replaceById([row('a')], row('z'))).toEqual([row('a')]);
  });
});
