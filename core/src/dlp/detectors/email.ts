import type { Detector } from '../types.ts';
import { anchoredMatcher, inLocalPart } from './anchored.ts';

/**
 * Retina asset names (`icon@2x.png`) and similar have an address shape whose "TLD" is a file
 * extension; no real TLD is one of these.
 */
const FILE_EXTENSIONS = new Set(
  'png jpg jpeg gif svg webp avif bmp ico tif tiff css scss less js mjs cjs jsx ts tsx mts json map html htm xml txt md pdf zip gz tar mp3 mp4 mov wav webm woff woff2 ttf otf eot wasm lock yml yaml toml ini cfg log'.split(
    ' ',
  ),
);

function addressValid(value: string): boolean {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const tld = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
  return !local.includes('..') && !FILE_EXTENSIONS.has(tld);
}

// The trailing guard refuses `git@github.com:org/repo` (an SSH remote, not a mailbox) and a
// TLD that continues into more letters or digits.
const EMAIL =
  /(?<![\w.+%-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9]|:[\w.~-]*\/)/g;

export const email: Detector = {
  id: 'email',
  description: 'Email address with a real TLD shape (not icon@2x.png or git@host:repo)',
  type: 'EMAIL',
  severity: 'MEDIUM',
  keywords: ['@'],
  pattern: EMAIL,
  matcher: anchoredMatcher(EMAIL, '@', inLocalPart, 64),
  validate: addressValid,
  explain: () => ['domain has a real TLD shape, not a file extension'],
  samples: {
    truePositives: [
      'mail jane.doe@example.com today',
      'cc: bob+ai@mail.corp.co.uk.',
      'x_y%z@sub-domain.io',
      'Contact <alice@acme.dev>',
      'login bob@acme.io:hunter22',
    ],
    falsePositives: [
      'icon@2x.png',
      'logo@3x.webp',
      'bundle@1.2.3.js',
      'npm i @kairro/core',
      'git clone git@github.com:org/repo.git',
      'user@localhost',
      'a..b@example.com',
      'version pkg@1.2.3',
      'name@domain.c',
    ],
  },
};
