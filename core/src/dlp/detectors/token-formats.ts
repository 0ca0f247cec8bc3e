import type { Detector } from '../types.ts';

/*
 * Credentials recognised by their structure rather than a vendor prefix: signed JSON Web Tokens
 * and PEM private keys.
 */

/** A JWT is only reported when its header really is base64url JSON naming an algorithm. */
function jwtHeaderValid(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  try {
    const b64 = header.replace(/-/g, '+').replace(/_/g, '/');
    const parsed: unknown = JSON.parse(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')));
    return typeof parsed === 'object' && parsed !== null && 'alg' in parsed;
  } catch {
    return false;
  }
}

export const jwt: Detector = {
  id: 'jwt',
  description: 'Signed JSON Web Token whose header names an algorithm',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['eyj'],
  pattern:
    /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/g,
  validate: jwtHeaderValid,
  samples: {
    truePositives: [
      'Authorization: Bearer ' +
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
        '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0' +
        '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
    falsePositives: [
      'eyJub3QiOiJhIGhlYWRlciJ9' + '.eyJzdWIiOiIxMjM0NTY3ODkwIn0' + '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.',
    ],
  },
};

export const privateKey: Detector = {
  id: 'private-key',
  description: 'PEM private key block (RSA, EC, OpenSSH, PKCS#8…)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['private key'],
  // The whole block is the finding so that redaction removes the key material, not just the
  // header; a pasted key cut off before its END line runs to the end of the text.
  pattern:
    /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY(?: BLOCK)?-----|$)/g,
  samples: {
    truePositives: [
      'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7V1q\n-----END RSA PRIVATE KEY-----\nthanks',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA',
    ],
    falsePositives: [
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----',
      'a private key is secret',
    ],
  },
};
