import { looksRandom } from '../checks/placeholder.ts';
import type { Detector } from '../types.ts';
import { anchoredMatcher, inName } from './anchored.ts';
import { lowerForDocs } from './hints.ts';

/**
 * `api_key = "…"`, `"password": "…"`, `DB_TOKEN: …`: a secret-sounding name assigned a value. Only
 * the value is the finding. The name alone proves little, so the value must look generated: long
 * enough, not a placeholder, varied characters, and not a reference to somewhere else
 * (`process.env.X`, `config.token`, `getPassword`).
 */
const REFERENCE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
/** `password_reset_url = https://…` names a page, not a secret; a URL with user info still counts. */
const PLAIN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i;

/**
 * Letters-only values are names (`accessToken`, `getPasswordFromVault`) unless the case flips
 * like a generated string's does (`DvQOLKqPzmWorQ`): names flip once per word.
 */
function caseFlips(value: string): number {
  let flips = 0;
  let prev = 0; // 1 lower, 2 upper, 0 neither
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const kind = c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : 0;
    if (kind !== 0 && prev !== 0 && kind !== prev) flips++;
    prev = kind;
  }
  return flips;
}

function plausibleSecret(value: string): boolean {
  if (value.length < 8 || !looksRandom(value, 3) || PLAIN_URL.test(value)) return false;
  const generated = value.length >= 12 && caseFlips(value) * 3 >= value.length;
  if (REFERENCE.test(value) && !generated && !(/\d/.test(value) && value.length >= 12)) return false;
  return generated || /\d/.test(value) || /[^A-Za-z]/.test(value) || value.length >= 20;
}

/*
 * The value: inside quotes, everything up to the closing quote but whitespace (Django keys hold
 * parentheses); in a URL query (`?api_key=…&format=json`), up to the next `&`; otherwise up to a
 * delimiter (an `&` there belongs to the value, as in .env passwords).
 */
const ASSIGNMENT =
  /(?<![\w])[\w.-]*?(?:api[_-]?key|secret|token|passw(?:or)?d|pwd)(?![a-z])[\w-]*["']?\s*(?::=|=>|[:=])\s*(?:["'`])?(?<value>(?<=["'`])[^\s"'`]{8,200}(?=["'`])|(?<=[?&][\w.-]*=)[^\s"'`,;(){}[\]<>&]{8,200}(?![^\s"'`,;(){}[\]<>&])|[^\s"'`,;(){}[\]<>]{8,200}(?![^\s"'`,;(){}[\]<>]))/gi;
/** Where an assignment can be: the rule runs only from the start of a name holding one of these. */
const SECRET_WORD = /api[_-]?key|secret|token|passw(?:or)?d|pwd/i;

export const genericSecret: Detector = {
  id: 'generic-secret-assignment',
  description: 'High-entropy value assigned to a secret-sounding name (password=, api_key:)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['key', 'secret', 'token', 'passw', 'pwd'],
  pattern: ASSIGNMENT,
  matcher: anchoredMatcher(ASSIGNMENT, SECRET_WORD, inName, 80),
  validate: plausibleSecret,
  explain: () => ['value looks generated (length, entropy, not a placeholder or reference)'],
  // The name alone proves little: a value next to documentation words is most likely a stand-in.
  confidence: 0.8,
  hints: [lowerForDocs(-0.35)],
  samples: {
    truePositives: [
      'api_key = "q7Vd9Lx2Rk8mZt4Wp1Nb"',
      '{"password": "Tr0ub4dor&3xY"}',
      'export DB_TOKEN=8f3a9c1e7b2d4f60a5e9',
      'client_secret: Zk3-Pq9_Lm2.Vx8',
      'DATABASE_PASSWORD=postgres://app:Xr7Kq2Lm9@db:5432/app',
      "SECRET_KEY = 'django-insecure-9x(k)2#mq8!vz$w1'",
      'GET /v1/data?api_key=Zk3Pq9Lm2Vx8Tq7W&format=json',
    ],
    falsePositives: [
      'api_key = "YOUR_API_KEY"',
      'password: changeme123',
      'token = process.env.API_TOKEN',
      'secret = "xxxxxxxxxxxxxxxx"',
      'password = "aaaaaaaaaaaa"',
      'api_key=' + 'sk_live_' + 'XXXXXXXXXXXXXXXX',
      'the token is short: abc',
      'token = accessToken',
      'password: ${DB_PASSWORD}',
      'api_key = <token>',
      'token: {{ secrets.DEPLOY_TOKEN }}',
      'client_secret = "example-client-secret-1234"',
      'tokenizer: gpt2-tokenizer-v1',
      'secret = os.environ["API_SECRET"]',
      'password_reset_url = https://acme.io/reset?step=2',
    ],
  },
};
