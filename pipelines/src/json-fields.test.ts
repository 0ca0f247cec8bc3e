import { describe, expect, it } from 'vitest';
import type { ConsumedRecord } from '@kairro/stream';
import { jsonLine, topLevelStrings } from './json-fields.ts';

const NAMES = ['org_id', 'event_id', 'occurred_at'];

/** What JSON.parse says the same fields are. */
function parsed(json: string): Map<string, string> | null {
  const v: unknown = JSON.parse(json);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const row = v as Record<string, unknown>;
  return new Map(NAMES.flatMap((n) => (typeof row[n] === 'string' ? [[n, row[n]]] : [])));
}

describe('topLevelStrings', () => {
  it.each([
    ['a flat record', '{"event_id":"e1","org_id":"o1","occurred_at":"2026-11-22T10:00:00.000Z","n":1}'],
    ['keys in another order, spaces', ' { "n" : 1.5e3 , "org_id" : "o1", "event_id":"e1" } '],
    ['pretty-printed', JSON.stringify({ org_id: 'o1', tags: ['a', 'b'], event_id: 'e1' }, null, 2)],
    ['no fields', '{}'],
    ['an empty org id', '{"org_id":"","event_id":"e1"}'],
    ['ids that are not strings', '{"org_id":null,"event_id":7,"occurred_at":["x"]}'],
    ['escapes in values', '{"org_id":"a\\"b\\\\","event_id":"\\u00e9\\n\\u2028","occurred_at":"\\\\"}'],
    ['unicode', '{"org_id":"组织-ü","event_id":"🙂","prompt_snippet":"line one\\nline two"}'],
    [
      'the names nested and inside strings',
      '{"meta":{"org_id":"nested","list":[{"event_id":"deep"}]},"s":"\\"org_id\\":\\"x\\"","event_id":"top"}',
    ],
    ['brackets inside nested strings', '{"a":["]}",{"b":"{["}],"org_id":"o"}'],
    ['literals before the ids', '{"t":true,"f":false,"z":null,"n":-0.5,"org_id":"o"}'],
    ['a string', '"org_id"'],
    ['an array', '[{"org_id":"o"}]'],
    ['null', 'null'],
    ['a number', '42'],
  ])('reads %s as JSON.parse does', (_, json) => {
    expect(topLevelStrings(json, NAMES)).toEqual(parsed(json));
  });

  it('takes the first of a repeated key and reads no further than it needs', () => {
    expect(topLevelStrings('{"org_id":"first","event_id":1,"org_id":"","event_id":"e"}', NAMES)).toEqual(
      new Map([['org_id', 'first']]),
    );
    const all = '{"org_id":"o","event_id":"e","occurred_at":"t","org_id":"later"';
    expect(topLevelStrings(all, NAMES)).toEqual(
      new Map([
        ['org_id', 'o'],
        ['event_id', 'e'],
        ['occurred_at', 't'],
      ]),
    );
    expect(topLevelStrings('{"org_id":"o"', [])).toEqual(new Map());
  });

  it('leaves a key with an escape to the caller: it may spell a wanted name', () => {
    expect(topLevelStrings('{"org\\u005fid":"o"}', NAMES)).toBeUndefined();
  });
});

describe('jsonLine', () => {
  const record = (json?: string): ConsumedRecord => ({
    topic: 't',
    partition: 0,
    offset: '0',
    key: '',
    value: null,
    ...(json === undefined ? {} : { json }),
  });

  it('is the text of a record that has one on a single line', () => {
    expect(jsonLine(record('{"s":"a\\nb","u":"é🙂"}'))).toBe('{"s":"a\\nb","u":"é🙂"}');
    expect(jsonLine(record('{\n  "a": 1\n}'))).toBeUndefined();
    expect(jsonLine(record())).toBeUndefined();
  });
});
