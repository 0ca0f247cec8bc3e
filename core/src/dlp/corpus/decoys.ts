import { randomDigits, randomInt } from '../../random.ts';
import { HEX, pick, randomChars } from './builder.ts';
import { keyPlaceholder } from './keys.ts';
import { badLuhnCard, invalidSsn } from './numbers.ts';
import { assetDecoy, hexHash, uuid, versionDecoy } from './network.ts';
import type { Rng } from './types.ts';

/*
 * Hard negatives: text that looks like a finding to a naive regex but is not sensitive. None of
 * these may produce a match; every one that does is a false positive of the engine.
 */

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function date(rand: Rng): string {
  const y = randomInt(rand, 2019, 2026);
  const m = pad2(randomInt(rand, 1, 12));
  const d = pad2(randomInt(rand, 1, 28));
  return pick(rand, [
    `${y}-${m}-${d}`,
    `${d}.${m}.${y}`,
    `${m}/${d}/${y}`,
    `${y}年${Number(m)}月${Number(d)}日`,
  ]);
}

export function timestamp(rand: Rng): string {
  const t = `${pad2(randomInt(rand, 0, 23))}:${pad2(randomInt(rand, 0, 59))}:${pad2(randomInt(rand, 0, 59))}`;
  const y = randomInt(rand, 2023, 2026);
  return `${y}-${pad2(randomInt(rand, 1, 12))}-${pad2(randomInt(rand, 1, 28))}T${t}.${randomDigits(rand, 3)}Z`;
}

/** Identifiers starting with 1 or 9: no card network issues those prefixes. */
export function orderNumber(rand: Rng): string {
  return pick(rand, [
    () => `#${randomInt(rand, 100000, 999999)}`,
    () => `ORD-${randomInt(rand, 2019, 2026)}-${randomDigits(rand, 6)}`,
    () => `1${randomDigits(rand, 15)}`,
    () => `9${randomDigits(rand, 12)}`,
    () => `INV-${randomDigits(rand, 4)}-${randomDigits(rand, 2)}-${randomDigits(rand, 4)}`,
    () => `1Z${randomChars(rand, 16, '0123456789ABCDEFGHJKLMNPRSTUVWXYZ')}`,
  ])();
}

export const epochMillis = (rand: Rng): string =>
  String(randomInt(rand, 1_600_000_000_000, 1_800_000_000_000));

/** One decoy phrase, labelled by nothing. */
export function decoy(rand: Rng): string {
  return pick(rand, [
    () => `card ${badLuhnCard(rand)} was declined (typo?)`,
    () => `test SSN ${invalidSsn(rand)}`,
    () => keyPlaceholder(rand),
    () => versionDecoy(rand),
    () => assetDecoy(rand),
    () => `on ${date(rand)}`,
    () => `request ${uuid(rand)}`,
    () => `commit ${hexHash(rand, 40)}`,
    () => `sha256 ${hexHash(rand, 64)}`,
    () => `order ${orderNumber(rand)}`,
    () => `ts=${epochMillis(rand)}`,
    () => `price €${randomInt(rand, 1, 9999)},${pad2(randomInt(rand, 0, 99))}`,
    () => `color #${randomChars(rand, 6, HEX)}`,
  ])();
}
