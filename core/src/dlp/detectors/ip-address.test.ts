import { describe, expect, it } from 'vitest';
import { ipv6Valid } from './ip-address.ts';

describe('ipv6Valid', () => {
  it.each([
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', true],
    ['2001:db8::1', true],
    ['fe80::1', true],
    ['fe80::', false], // one group: too little to tell from `Type::` paths
    ['1:2:3:4:5:6:7::', true],
    ['::1', false],
    ['::', false],
    ['1:2:3:4:5:6:7', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['1:2:3:4::5:6:7:8', false],
    ['12345::1', false],
    ['g::1:2', false],
  ])('%s → %s', (value, expected) => {
    expect(ipv6Valid(value)).toBe(expected);
  });
});
