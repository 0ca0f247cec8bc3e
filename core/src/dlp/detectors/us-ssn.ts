import { ssnValid } from '../checks/ssn.ts';
import type { Detector } from '../types.ts';
import { lowerForBusinessIds, lowerForDocs, raiseFor } from './hints.ts';

const SSN_HINTS = [
  raiseFor(['ssn', 'social security', 'ss#', 'taxpayer', 'tin'], 0.1),
  lowerForBusinessIds(-0.3),
  lowerForDocs(-0.2),
];

const digitsValid = (value: string): boolean => ssnValid(value.replace(/\D/g, ''));

/** AAA-GG-SSSS: the dashed form is distinctive enough to report on its own. */
export const usSsn: Detector = {
  id: 'us-ssn',
  description: 'US Social Security number AAA-GG-SSSS with SSA area/group/serial rules',
  type: 'US_SSN',
  severity: 'HIGH',
  keywords: ['-'],
  minDigits: 9,
  // A comma and a digit after it is the next CSV column (exports), a dot and a digit a decimal.
  pattern: /(?<![\w-]|\d[ .])\d{3}-\d{2}-\d{4}(?![\w-]|\.\d)/g,
  validate: digitsValid,
  explain: () => ['SSA area/group/serial rules passed'],
  confidence: 0.85,
  hints: SSN_HINTS,
  samples: {
    truePositives: ['my ssn is 123-45-6789', 'SSN: 521-37-0042.'],
    falsePositives: [
      'area 000-12-3456',
      'area 666-12-3456',
      'area 912-34-5678',
      'group 123-00-4567',
      'serial 123-45-0000',
      'ad 078-05-1120',
      'part 1123-45-6789',
      'isbn 978-3-16-148410-0',
      'phone 555-123-4567',
    ],
  },
};

/**
 * AAA GG SSSS with spaces is also how phone numbers and account ids are written, so it is only
 * reported when the text calls it a social security number just before.
 */
export const usSsnSpaced: Detector = {
  id: 'us-ssn-spaced',
  description: 'US Social Security number written with spaces, only when labelled as one',
  type: 'US_SSN',
  severity: 'HIGH',
  keywords: ['ssn', 'social security', 'ss#', 'taxpayer'],
  minDigits: 9,
  pattern: /(?<![\w-]|\d[ .])\d{3} \d{2} \d{4}(?![\w-]| \d|\.\d)/g,
  validate: digitsValid,
  // A US taxpayer id of a person is the SSN.
  context: { words: ['ssn', 'social security', 'ss#', 'taxpayer'], window: 40, mode: 'require' },
  explain: () => ['SSA area/group/serial rules passed', 'labelled as a social security number'],
  confidence: 0.85,
  hints: SSN_HINTS,
  samples: {
    truePositives: ['SSN 123 45 6789', 'Social Security number: 521 37 0042'],
    falsePositives: ['ssn: 000 12 3456', 'order 123 45 6789 shipped; ssn not given', 'ssn 123 45 6789 0'],
  },
};
