import { randomInt } from '../../random.ts';
import { HEX, pick, randomChars } from './builder.ts';
import type { Rng } from './types.ts';

/*
 * Credentials in their providers' real shapes, with the variable names people store them under.
 * Every value is random, so none is a real key; prefixes are split so repository secret scanners
 * do not flag this file.
 */

const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const b64url = (json: string): string =>
  btoa(json).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

export function jwt(rand: Rng): string {
  const alg = pick(rand, ['HS256', 'RS256', 'ES256']);
  const header = b64url(`{"alg":"${alg}","typ":"JWT"}`);
  const sub = randomInt(rand, 1000, 999999);
  const payload = b64url(`{"sub":"${sub}","iat":${randomInt(rand, 1.6e9, 1.8e9)},"scope":"read write"}`);
  return `${header}.${payload}.${randomChars(rand, 43, URLSAFE)}`;
}

function pem(rand: Rng): string {
  const kind = pick(rand, ['RSA ', 'EC ', 'OPENSSH ', '']);
  const lines = Array.from({ length: randomInt(rand, 3, 8) }, () => randomChars(rand, 64, B64));
  return `-----BEGIN ${kind}PRIVATE KEY-----\n${lines.join('\n')}\n-----END ${kind}PRIVATE KEY-----`;
}

export interface KeyKind {
  provider: string;
  envName: string;
  make: (rand: Rng) => string;
}

export const KEY_KINDS: readonly KeyKind[] = [
  {
    provider: 'aws',
    envName: 'AWS_ACCESS_KEY_ID',
    make: (r) => 'AK' + 'IA' + randomChars(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
  },
  { provider: 'github', envName: 'GITHUB_TOKEN', make: (r) => 'gh' + 'p_' + randomChars(r, 36) },
  {
    provider: 'github-fine-grained',
    envName: 'GH_TOKEN',
    make: (r) => 'github' + '_pat_' + randomChars(r, 22) + '_' + randomChars(r, 59),
  },
  { provider: 'gitlab', envName: 'GITLAB_TOKEN', make: (r) => 'gl' + 'pat-' + randomChars(r, 20, URLSAFE) },
  {
    provider: 'slack',
    envName: 'SLACK_BOT_TOKEN',
    make: (r) =>
      `xo${pick(r, ['xb', 'xp'])}-${randomInt(r, 1e10, 9e11)}-${randomInt(r, 1e12, 9e12)}-${randomChars(r, 24)}`,
  },
  {
    provider: 'stripe',
    envName: 'STRIPE_SECRET_KEY',
    make: (r) => pick(r, ['sk', 'rk']) + '_li' + 've_' + randomChars(r, randomInt(r, 24, 99)),
  },
  {
    provider: 'openai',
    envName: 'OPENAI_API_KEY',
    make: (r) =>
      pick(r, [
        () => 's' + 'k-proj-' + randomChars(r, 74, URLSAFE) + 'T3Blbk' + 'FJ' + randomChars(r, 74, URLSAFE),
        () => 's' + 'k-' + randomChars(r, 20) + 'T3Blbk' + 'FJ' + randomChars(r, 20),
      ])(),
  },
  {
    provider: 'anthropic',
    envName: 'ANTHROPIC_API_KEY',
    make: (r) => 's' + 'k-ant-api03-' + randomChars(r, 93, URLSAFE) + 'AA',
  },
  { provider: 'google', envName: 'GOOGLE_API_KEY', make: (r) => 'AI' + 'za' + randomChars(r, 35, URLSAFE) },
  {
    provider: 'sendgrid',
    envName: 'SENDGRID_API_KEY',
    make: (r) => 'S' + 'G.' + randomChars(r, 22, URLSAFE) + '.' + randomChars(r, 43, URLSAFE),
  },
  { provider: 'npm', envName: 'NPM_TOKEN', make: (r) => 'np' + 'm_' + randomChars(r, 36) },
  {
    provider: 'huggingface',
    envName: 'HF_TOKEN',
    make: (r) => 'h' + 'f_' + randomChars(r, 34, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
  },
  { provider: 'twilio', envName: 'TWILIO_API_KEY', make: (r) => 'S' + 'K' + randomChars(r, 32, HEX) },
  { provider: 'jwt', envName: 'AUTH_TOKEN', make: jwt },
  { provider: 'generic', envName: 'SESSION_SECRET', make: (r) => randomChars(r, randomInt(r, 24, 48)) },
  {
    provider: 'generic',
    envName: 'DB_PASSWORD',
    make: (r) => randomChars(r, randomInt(r, 14, 24), URLSAFE + '!#%&*'),
  },
];

/** A multi-line PEM block; only ever placed on its own lines. */
export const privateKey = pem;

/** Azure storage connection string; the finding is the AccountKey value. */
export function azureConnection(rand: Rng): { before: string; key: string; after: string } {
  return {
    before: `DefaultEndpointsProtocol=https;AccountName=${pick(rand, ['prodlogs', 'acmeassets', 'backup01'])};AccountKey=`,
    key: randomChars(rand, 86, B64) + '==',
    after: ';EndpointSuffix=core.windows.net',
  };
}

/** Documentation stand-ins and references that are not secrets, with a plausible variable name. */
export function keyPlaceholder(rand: Rng): string {
  const kind = pick(rand, KEY_KINDS);
  const value = pick(rand, [
    'YOUR_API_KEY',
    '<your-api-key>',
    'sk_li' + 've_' + 'X'.repeat(24),
    'AK' + 'IA' + 'IOSFODNN7EXAMPLE',
    'gh' + 'p_' + 'x'.repeat(36),
    '${' + kind.envName + '}',
    'changeme',
    '********',
    'xoxb-your-token-here',
    'replace-me',
    'sk-...',
  ]);
  return pick(rand, [
    `${kind.envName}=${value}`,
    `${kind.envName.toLowerCase()}: "${value}"`,
    `export ${kind.envName}="${value}"`,
  ]);
}
