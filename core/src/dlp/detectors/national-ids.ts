import { aadhaarValid, nhsValid } from '../checks/national-ids.ts';
import type { Detector } from '../types.ts';
import { lowerForDocs, lowerForTests } from './hints.ts';

const digitsOf = (value: string): string => value.replace(/[ -]/g, '');

/**
 * UK NHS number (3-3-4 or solid 10 digits, mod 11). Phone numbers share the 3-3-4 shape and one in
 * eleven passes the checksum, so the number must be labelled NHS.
 */
export const ukNhsNumber: Detector = {
  id: 'uk-nhs-number',
  description: 'UK NHS number (mod 11 check digit), when labelled NHS',
  type: 'UK_NHS_NUMBER',
  severity: 'HIGH',
  keywords: ['nhs'],
  minDigits: 10,
  pattern: /(?<![\w-]|\d[ .-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w-]|[ .,]\d)/g,
  validate: (value) => nhsValid(digitsOf(value)),
  explain: () => ['NHS mod-11 check digit passed'],
  context: { words: ['nhs'], window: 40, mode: 'require' },
  confidence: 0.9,
  hints: [lowerForDocs(), lowerForTests()],
  samples: {
    truePositives: ['NHS number: 943 476 5919', 'nhs no 9434765919', 'NHS: 401-023-2137'],
    falsePositives: ['NHS number: 943 476 5918', 'call 943 476 5919', 'NHS 943 476-5919', 'nhs 1111111111'],
  },
};

/**
 * India Aadhaar number (12 digits, first 2–9, Verhoeff check digit). Twelve-digit ids are common
 * and one in ten passes Verhoeff, so it must be labelled Aadhaar/UIDAI.
 */
export const inAadhaar: Detector = {
  id: 'in-aadhaar',
  description: 'India Aadhaar number (Verhoeff check digit), when labelled Aadhaar/UIDAI',
  type: 'IN_AADHAAR',
  severity: 'HIGH',
  keywords: ['aadhaar', 'aadhar', 'uidai', 'आधार'],
  minDigits: 12,
  // Letters may touch the front: "Aadhaar234123412346" is how it is often typed.
  pattern: /(?<![\d_-]|\d[ .-])[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?![\w-]|[ .,]\d)/g,
  validate: (value) => aadhaarValid(digitsOf(value)),
  explain: () => ['Verhoeff check digit passed'],
  context: { words: ['aadhaar', 'aadhar', 'uidai', 'आधार'], window: 40, mode: 'require' },
  confidence: 0.9,
  hints: [lowerForDocs(), lowerForTests()],
  samples: {
    truePositives: ['Aadhaar: 2341 2341 2346', 'my aadhar no is 234123412346', 'UIDAI 4991-1866-5246'],
    falsePositives: ['Aadhaar: 2341 2341 2347', 'aadhaar 1341 2341 2346', 'invoice 2341 2341 2346'],
  },
};
