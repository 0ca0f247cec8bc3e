/**
 * Issuer prefix ranges (IIN) with the lengths each network issues. A Luhn-valid number with no
 * known issuer is most often an order id or a timestamp, so it is not reported.
 */
interface Issuer {
  name: string;
  /** Inclusive prefix ranges; both ends have the same number of digits. */
  ranges: ReadonlyArray<readonly [string, string]>;
  lengths: readonly number[];
}

export const ISSUERS: readonly Issuer[] = [
  { name: 'visa', ranges: [['4', '4']], lengths: [13, 16, 19] },
  {
    name: 'mastercard',
    ranges: [
      ['51', '55'],
      ['2221', '2720'],
    ],
    lengths: [16],
  },
  {
    name: 'amex',
    ranges: [
      ['34', '34'],
      ['37', '37'],
    ],
    lengths: [15],
  },
  {
    name: 'discover',
    ranges: [
      ['6011', '6011'],
      ['65', '65'],
      ['644', '649'],
    ],
    lengths: [16, 17, 18, 19],
  },
  { name: 'jcb', ranges: [['3528', '3589']], lengths: [16, 17, 18, 19] },
  // China UnionPay: the 62 range (its 622126–622925 part is also Discover-accepted).
  { name: 'unionpay', ranges: [['62', '62']], lengths: [16, 17, 18, 19] },
  {
    name: 'diners',
    ranges: [
      ['300', '305'],
      ['36', '36'],
      ['38', '38'],
    ],
    lengths: [14, 15, 16, 17, 18, 19],
  },
];

/** Issuer name for a digits-only card number, or null when no network issues that prefix/length. */
export function cardIssuer(digits: string): string | null {
  for (const issuer of ISSUERS) {
    if (!issuer.lengths.includes(digits.length)) continue;
    for (const [from, to] of issuer.ranges) {
      const prefix = Number(digits.slice(0, from.length));
      if (prefix >= Number(from) && prefix <= Number(to)) return issuer.name;
    }
  }
  return null;
}
