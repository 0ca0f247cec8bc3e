import type { Detector } from '../types.ts';
import { lowerForBusinessIds, lowerForDocs, raiseFor } from './hints.ts';

/*
 * Phone numbers. Digits alone are too common (dates, versions, order numbers), so every rule needs
 * either the international `+`, the printed grouping of a national plan, or a label. Business-id
 * words near a shape-only match push it under the reporting floor.
 */

// English plus the languages our users write in most; `tel` also covers tél., teléfono, telefon.
const PHONE_WORDS = [
  'phone',
  'tel',
  'call',
  'mobile',
  'cell',
  'fax',
  'whatsapp',
  'sms',
  'contact',
  'reach me',
  'dial',
  'joignable',
  'appel',
  'portable',
  'erreichbar',
  'anruf',
  'handy',
  'llám',
  'llama',
  'móvil',
  'celular',
  '电话',
  '電話',
  '手机',
  '携帯',
];
const digitCount = (value: string): number => value.replace(/\D/g, '').length;

export const phoneE164: Detector = {
  id: 'phone-e164',
  description: 'Phone number in international format (+country code, 8–15 digits)',
  type: 'PHONE_NUMBER',
  severity: 'MEDIUM',
  keywords: ['+'],
  minDigits: 8,
  pattern:
    /(?<![\w+])\+[1-9]\d{0,3}(?:[ .-]?\(\d{1,4}\)|[ .-]?\d{1,4})(?:[ .-]?\d{2,4}){1,5}(?![\w+]|[.-]\d)/g,
  validate: (value) => {
    const n = digitCount(value);
    return n >= 8 && n <= 15;
  },
  confidence: 0.8,
  hints: [raiseFor(PHONE_WORDS, 0.15), lowerForBusinessIds(-0.25), lowerForDocs(-0.15)],
  samples: {
    truePositives: [
      'call +4915112345678 now',
      'tel: +44 20 7946 0958',
      'WhatsApp +91 98765 43210',
      '+1 (415) 555-2671',
    ],
    falsePositives: ['temp +12.5', 'score +123', 'offset +1 2', 'version +1.2.3.4'],
  },
};

/** (415) 555-2671, 415-555-2671, 415.555.2671: NANP area code and exchange never start with 0/1. */
export const phoneNanp: Detector = {
  id: 'phone-nanp',
  description: 'North American phone number (NXX-NXX-XXXX or (NXX) NXX-XXXX)',
  type: 'PHONE_NUMBER',
  severity: 'MEDIUM',
  keywords: [],
  minDigits: 10,
  pattern: /(?<![\w+(.-]|\d[ .-])(?:\([2-9]\d{2}\) ?|[2-9]\d{2}([-.]))[2-9]\d{2}(?:\1|-)\d{4}(?![\w-]|\.\d)/g,
  confidence: 0.65,
  hints: [raiseFor(PHONE_WORDS, 0.25), lowerForBusinessIds(), lowerForDocs(-0.2)],
  samples: {
    truePositives: ['call me at (415) 555-2671', 'phone 415-555-2671', 'cell: 212.555.0187'],
    falsePositives: [
      'order 415-555-2671',
      'date 2024-01-15',
      'v 415.555.26710',
      'ip 10.20.30.40',
      'ssn 123-45-6789',
    ],
  },
};

/**
 * Trunk-prefixed national numbers (UK 020 7946 0958, DE 030 1234567, FR 01 23 45 67 89) look like
 * many other grouped numbers, so they are reported only when labelled as a phone number.
 */
export const phoneNational: Detector = {
  id: 'phone-national',
  description: 'National phone number with trunk 0 and separators, when labelled phone/tel/mobile',
  type: 'PHONE_NUMBER',
  severity: 'MEDIUM',
  keywords: PHONE_WORDS,
  minDigits: 9,
  pattern: /(?<![\w+./-]|\d[ ./-])0\d{1,4}(?:[ ./-]\d{2,8}){1,4}(?![\w/-]|[.,]\d)/g,
  validate: (value) => {
    const n = digitCount(value);
    return n >= 10 && n <= 12;
  },
  context: { words: PHONE_WORDS, window: 30, mode: 'require' },
  confidence: 0.75,
  hints: [lowerForBusinessIds(), lowerForDocs(-0.2)],
  samples: {
    truePositives: ['Tel. 030 12345678', 'mobile: 07700 900123', 'phone 01 23 45 67 89'],
    falsePositives: ['date 01.02.2024', 'call at 09:30', 'tel 0 12', 'phone order 020 7946 0958'],
  },
};
