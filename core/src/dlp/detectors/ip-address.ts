import type { Detector } from '../types.ts';
import { anchoredMatcher, inIpv6 } from './anchored.ts';

/**
 * 0.0.0.0 (any), 127.x (this machine) and 255.x (netmasks, broadcast) say nothing about a network
 * or a host anyone could reach.
 */
export function ipv4Reportable(value: string): boolean {
  const first = value.slice(0, value.indexOf('.'));
  return value !== '0.0.0.0' && first !== '127' && first !== '255';
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/**
 * Dotted quad with valid octets and no leading zeros. The guards refuse a quad that is part of a
 * longer dotted number (1.2.3.4.5), glued to a letter (v1.2.3.4) or a product token's version
 * (Chrome/120.0.0.0); a "version" word just before
 * marks the rest.
 */
export const ipv4: Detector = {
  id: 'ipv4',
  description: 'IPv4 address with valid octets, not version strings',
  type: 'IP_ADDRESS',
  severity: 'LOW',
  keywords: ['.'],
  minDigits: 4,
  confidence: 0.85,
  pattern: new RegExp(`(?<![\\w.]|\\d\\.|[A-Za-z]\\/)(?:${OCTET}\\.){3}${OCTET}(?![\\w]|\\.\\d)`, 'g'),
  validate: ipv4Reportable,
  context: {
    words: [
      'version',
      'versión',
      'バージョン',
      '版本',
      'release',
      'build',
      'ver.',
      'section',
      'sección',
      '§',
    ],
    window: 24,
    mode: 'suppress',
  },
  samples: {
    truePositives: ['server at 10.20.30.40.', 'ssh root@192.168.1.254 -p 22', 'dns 8.8.8.8, 1.1.1.1'],
    falsePositives: [
      'octet 256.1.1.1',
      'zeros 01.02.03.04',
      'dotted 1.2.3.4.5',
      'tag v1.2.3.4',
      'version 1.2.3.4',
      'float 3.14159',
      'oid 1.3.6.1.4.1',
      'Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36',
      'listen 127.0.0.1:8080',
      'bind 0.0.0.0',
      'netmask 255.255.255.0',
      'Versión desplegada: 4.2.0.17',
      'バージョン3.10.2.1',
      'see section 3.2.1.4',
    ],
  },
};

/**
 * The candidate regex only finds colon-separated hex runs; the validator does the counting that a
 * single regex for every `::` placement would make unreadable.
 */
export function ipv6Valid(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => g.every((part) => /^[0-9A-Fa-f]{1,4}$/.test(part)))) return false;
  const count = groups.reduce((n, g) => n + g.length, 0);
  // `::1` and bare `::` are valid addresses but mostly show up as C++/Rust path syntax or noise.
  return halves.length === 2 ? count >= 2 && count <= 7 : count === 8;
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * The first colon of an address is followed by a second colon or by hex with hex before it;
 * colons in prose, JSON, URLs and code (`Note: `, `"id":"`, `http://`, `def f():`) are not, and
 * are skipped without trying the pattern.
 */
function firstColonOfAddress(text: string, at: number): boolean {
  const next = text.charCodeAt(at + 1);
  return next === 58 || (isHex(next) && at > 0 && isHex(text.charCodeAt(at - 1)));
}

const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|:)(?![\w]|:[\w:]|\.\d)/g;

export const ipv6: Detector = {
  id: 'ipv6',
  description: 'IPv6 address (full or :: compressed), not C++ paths or MAC addresses',
  type: 'IP_ADDRESS',
  severity: 'LOW',
  keywords: [':'],
  pattern: IPV6,
  matcher: anchoredMatcher(IPV6, ':', inIpv6, 40, firstColonOfAddress),
  validate: ipv6Valid,
  samples: {
    truePositives: [
      'host 2001:0db8:85a3:0000:0000:8a2e:0370:7334 up',
      'link fe80::1ff:fe23:4567:890a',
      'route 2001:db8::/32',
      'peer [2001:db8::1]:443',
    ],
    falsePositives: ['time 12:30:45', 'mac 00:1a:2b:3c:4d:5e', 'std::vector', 'loopback ::1', 'a:b:c:d'],
  },
};
