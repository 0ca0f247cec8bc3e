import { ibanValid } from '../checks/iban.ts';
import type { Detector } from '../types.ts';
import { lowerForDocs, lowerForTests, raiseFor } from './hints.ts';

const compact = (value: string): string => value.replace(/ /g, '');

/**
 * International bank account number, solid or printed in groups of four. Groups after the bank
 * code must hold a digit, so an upper-case word after a spaced IBAN ("… 7034 CODE") is not taken
 * as one more group; the country length and mod-97 then decide.
 */
export const iban: Detector = {
  id: 'iban',
  description: 'IBAN: ISO 13616 country and length, mod-97 check digits',
  type: 'IBAN',
  severity: 'HIGH',
  keywords: [],
  // Some national formats allow letters throughout the account part; the check digits are certain.
  minDigits: 4,
  pattern:
    /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4})(?: (?=[A-Z]{0,3}\d)[A-Z0-9]{4}){1,6}(?: (?=[A-Z]{0,2}\d)[A-Z0-9]{1,3})?)(?![A-Za-z0-9])/g,
  validate: (value) => ibanValid(compact(value)),
  explain: (value) => [`country ${value.slice(0, 2)} length and mod-97 check passed`],
  confidence: 0.9,
  hints: [
    raiseFor(['iban', 'bank', 'account', 'transfer', 'sepa', 'bic', 'swift', 'konto', 'virement']),
    lowerForDocs(),
    lowerForTests(),
  ],
  samples: {
    truePositives: [
      'IBAN: DE89 3704 0044 0532 0130 00',
      'pay to GB82WEST12345698765432 today',
      'NL91 ABNA 0417 1643 00, BIC ABNANL2A',
      'FR14 2004 1010 0505 0001 3M02 606.',
      'BE68 5390 0754 7034 CODE',
    ],
    falsePositives: [
      'DE89 3704 0044 0532 0130 01',
      'GB82WEST1234569876543',
      'XX89370400440532013000',
      'part AB12CDEF34567890123',
      'ticket DE12-3456-7890',
    ],
  },
};
