import { abaValid } from '../checks/aba.ts';
import type { Detector } from '../types.ts';
import { lowerForDocs, lowerForTests, raiseFor } from './hints.ts';

/**
 * US bank routing (ABA) number. Nine digits are everywhere (zip+4, ids), and one in ten passes
 * the checksum, so the number is only reported when the text calls it a routing number.
 */
export const usBankRouting: Detector = {
  id: 'us-bank-routing',
  description: 'US bank routing (ABA) number with checksum, when labelled routing/ABA/RTN',
  type: 'US_BANK_ROUTING',
  severity: 'MEDIUM',
  keywords: ['routing', 'aba', 'rtn', 'transit'],
  minDigits: 9,
  pattern: /(?<![\w-]|\d[ .-])\d{9}(?![\w-]|[.,]\d)/g,
  validate: abaValid,
  explain: () => ['ABA 3-7-1 checksum and Federal Reserve prefix passed'],
  // "for ACH use …": the ACH network addresses banks by routing number.
  context: { words: ['routing', 'aba', 'rtn', 'transit', ' ach ', ' ach:'], window: 40, mode: 'require' },
  confidence: 0.85,
  hints: [raiseFor(['account', 'bank', 'wire', 'ach', 'deposit']), lowerForDocs(), lowerForTests()],
  samples: {
    truePositives: ['routing number 021000021', 'ABA: 011401533, account 12345678', 'RTN 322271627.'],
    falsePositives: [
      'routing number 021000022',
      'order 021000021 shipped',
      'routing 931000021',
      'aba 0210000210',
      'routing 000000000',
    ],
  },
};
