import { randomInt } from '../../random.ts';
import { HEX, pick, randomChars } from './builder.ts';
import type { Rng } from './types.ts';

const FIRST = [
  'anna',
  'jonas',
  'marie',
  'lucas',
  'sofia',
  'wei',
  'yuki',
  'carlos',
  'fatima',
  'olivier',
  'priya',
  'sam',
];
const LAST = ['schmidt', 'dubois', 'garcia', 'tanaka', 'zhang', 'okafor', 'miller', 'rossi', 'novak', 'kim'];
const DOMAINS = [
  'acme-corp.com',
  'gmail.com',
  'web.de',
  'orange.fr',
  'telefonica.es',
  'mail.co.uk',
  'example.org',
  'globex.io',
  'initech.dev',
  'sub.mail.kairro.app',
  'yahoo.co.jp',
  'qq.com',
];

export function email(rand: Rng): string {
  const first = pick(rand, FIRST);
  const last = pick(rand, LAST);
  const local = pick(rand, [
    `${first}.${last}`,
    `${first[0]}${last}`,
    `${first}_${last}${randomInt(rand, 1, 99)}`,
    `${first}+ai`,
    `${last}.${first}-ext`,
  ]);
  return `${local}@${pick(rand, DOMAINS)}`;
}

export function ipv4(rand: Rng): string {
  return pick(rand, [
    () => `10.${randomInt(rand, 0, 255)}.${randomInt(rand, 0, 255)}.${randomInt(rand, 1, 254)}`,
    () => `192.168.${randomInt(rand, 0, 255)}.${randomInt(rand, 1, 254)}`,
    () => `172.${randomInt(rand, 16, 31)}.${randomInt(rand, 0, 255)}.${randomInt(rand, 1, 254)}`,
    () =>
      [
        // A public first octet: 11–223 without 127 (this machine, not reported).
        ((first) => (first >= 127 ? first + 1 : first))(randomInt(rand, 11, 222)),
        randomInt(rand, 0, 255),
        randomInt(rand, 0, 255),
        randomInt(rand, 1, 254),
      ].join('.'),
  ])();
}

const group = (rand: Rng): string => randomChars(rand, randomInt(rand, 1, 4), HEX).replace(/^0+(?=.)/, '');

export function ipv6(rand: Rng): string {
  const groups = (n: number): string[] => Array.from({ length: n }, () => group(rand));
  return pick(rand, [
    () => ['2001', '0db8', ...Array.from({ length: 6 }, () => randomChars(rand, 4, HEX))].join(':'),
    () => `2001:db8::${groups(randomInt(rand, 1, 3)).join(':')}`,
    () => `fe80::${groups(4).join(':')}`,
    () => `2a00:${groups(2).join(':')}::${groups(1).join(':')}`,
  ])();
}

export const uuid = (rand: Rng): string =>
  [8, 4, 4, 4, 12]
    .map((n, i) => (i === 2 ? '4' + randomChars(rand, n - 1, HEX) : randomChars(rand, n, HEX)))
    .join('-');

export const hexHash = (rand: Rng, length: number): string => randomChars(rand, length, HEX);

/** Version numbers and software identifiers that have an address-like or digit-run shape. */
export function versionDecoy(rand: Rng): string {
  const v = (): string =>
    [randomInt(rand, 1, 12), randomInt(rand, 0, 20), randomInt(rand, 0, 9), randomInt(rand, 0, 99)].join('.');
  return pick(rand, [
    () => `version ${v()}`,
    () => `v${v()}`,
    () => `release ${v()}`,
    () => `build ${randomInt(rand, 10, 19)}.0.${randomInt(rand, 10000, 22631)}.${randomInt(rand, 100, 4000)}`,
    () => `openssl-${randomInt(rand, 1, 3)}.${randomInt(rand, 0, 3)}.${randomInt(rand, 0, 15)}`,
    () => `oid 1.3.6.1.4.1.${randomInt(rand, 1000, 60000)}`,
    () => `mac ${Array.from({ length: 6 }, () => randomChars(rand, 2, HEX)).join(':')}`,
    () => `at ${randomInt(rand, 10, 23)}:${randomInt(rand, 10, 59)}:${randomInt(rand, 10, 59)}`,
    () => `std::vector<int>`,
  ])();
}

export function assetDecoy(rand: Rng): string {
  return pick(rand, [
    `icon@2x.png`,
    `logo@3x.webp`,
    `avatar@2x.jpg`,
    `bundle@${randomInt(rand, 1, 9)}.${randomInt(rand, 0, 9)}.${randomInt(rand, 0, 9)}.js`,
    `npm i @kairro/core`,
    `git@github.com:acme/platform.git`,
    `react@18.${randomInt(rand, 0, 3)}.${randomInt(rand, 0, 9)}`,
  ]);
}
