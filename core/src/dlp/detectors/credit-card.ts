import { cardIssuer } from '../checks/card-issuer.ts';
import { luhnValid } from '../checks/luhn.ts';
import type { Detector } from '../types.ts';
import { lowerForBusinessIds, lowerForDocs, raiseFor } from './hints.ts';

/**
 * Payment card numbers: 13–19 digits written solid or in the groupings cards are printed with
 * (4-4-4-4[-3], Amex 4-6-5, Diners 4-6-4), one kind of separator throughout. The boundaries refuse
 * digits, dots, `+` and letters glued to either side so that phone numbers, decimals and ids that
 * merely contain a card-shaped run are not reported. A separated group next to the number does not
 * block it: people list several cards on one line. The optional fifth group is lazy so that
 * "4111 1111 1111 1111 123" (a CVV) or "… 1111 12/29" (an expiry) still yields the 16-digit card; the
 * price is that a 19-digit card printed 4-4-4-4-3 is only found written solid.
 */
const ISSUER_NAMES: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  diners: 'Diners Club',
  unionpay: 'UnionPay',
};

export const creditCard: Detector = {
  id: 'credit-card',
  description: 'Payment card number: 13–19 digits, Luhn check and a known issuer range',
  type: 'CREDIT_CARD',
  severity: 'CRITICAL',
  keywords: [],
  minDigits: 13,
  pattern:
    /(?<![\w.+-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})??|\d{4}([ -])\d{6}\2\d{4,5})(?![\w]|\.\d)/g,
  validate: (value) => {
    const digits = value.replace(/[ -]/g, '');
    return luhnValid(digits) && cardIssuer(digits) !== null;
  },
  explain: (value) => [
    'Luhn check passed',
    `issuer ${ISSUER_NAMES[cardIssuer(value.replace(/[ -]/g, '')) ?? ''] ?? 'unknown'}`,
  ],
  confidence: 0.9,
  // Luhn plus an issuer range is strong evidence on its own; the words only tune it.
  hints: [
    raiseFor([
      'card',
      'visa',
      'mastercard',
      'amex',
      'cvv',
      'cvc',
      'expir',
      'exp ',
      'payment',
      'credit',
      'debit',
    ]),
    lowerForBusinessIds(-0.2),
    // Product codes (EAN-13 from GS1 prefixes 400–440) are 13 digits starting with 4: Visa-shaped.
    { words: ['ean', 'gtin', 'upc', 'barcode', 'isbn'], delta: -0.5, window: 12 },
    lowerForDocs(-0.2),
  ],
  samples: {
    truePositives: [
      'my card is 4111 1111 1111 1111 exp 12/29',
      'charge 5555555555554444 please',
      'mc 2223-0000-4841-0010',
      'amex 3782 822463 10005',
      'Discover: 6011111111111117.',
      'jcb 3530111333300000',
      'diners 3056 930902 5904',
      'visa19 4000000000000000006',
      'with cvv 4111 1111 1111 1111 123',
      'with expiry 4111-1111-1111-1111 12/29',
    ],
    falsePositives: [
      'card 4111 1111 1111 1112 (bad checksum)',
      'order 1234567890123456',
      'luhn-valid but no issuer 9999999999999995',
      'call +4915112345678 now',
      'ts 1700000000000 ms',
      'longer run 41111111111111110000',
      'EAN 4006381333932',
      'no grouping 41 11111111 111111',
      'pi 3.4111111111111111',
      'id abc4111111111111111',
      'mixed 4111 1111-1111 1111',
    ],
  },
};
