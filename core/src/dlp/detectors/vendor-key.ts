import { looksRandom } from '../checks/placeholder.ts';
import type { Detector } from '../types.ts';
import { KEY_HINTS } from './hints.ts';

type VendorKeySpec = Pick<Detector, 'id' | 'description' | 'keywords' | 'pattern' | 'samples'> &
  Partial<Pick<Detector, 'validate' | 'context' | 'hints' | 'confidence'>> & {
    /** Bits per character the variable part must reach; default 3. */
    minEntropy?: number;
    /** Characters of fixed prefix left out of the entropy check. */
    prefixLength?: number;
  };

/**
 * A credential with a fixed vendor prefix or frame: CRITICAL, confident (the prefix proves the
 * kind), and rejected only when the variable part is a documentation stand-in.
 */
export function vendorKey(spec: VendorKeySpec): Detector {
  const { minEntropy = 3, prefixLength = 0, ...rest } = spec;
  return {
    type: 'API_KEY_LIKE',
    severity: 'CRITICAL',
    confidence: 0.95,
    hints: KEY_HINTS,
    validate: (value) => looksRandom(value.slice(prefixLength), minEntropy),
    ...rest,
  };
}
