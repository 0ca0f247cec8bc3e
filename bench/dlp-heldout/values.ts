/** Realistic values per type, valid (true positives) and near misses (hard negatives). */
import {
  B62,
  B64,
  B64URL,
  DIGITS,
  Gen,
  HEX,
  LOWER,
  UPPER,
  abaValid,
  b64url,
  base62,
  crc32,
  group,
  ibanMod97,
  luhnCheckDigit,
  nhsCheckDigit,
  verhoeffCheckDigit,
} from './gen.ts';

export type CardBrand = 'visa' | 'mc' | 'mc2' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay';

/** Published processor test numbers (Stripe / Adyen / Braintree docs): public, not cardholder data. */
export const TEST_PANS = [
  '4242424242424242',
  '4111111111111111',
  '5555555555554444',
  '5105105105105100',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '4000056655665556',
  '4000000000009995',
  '4000000000000002',
  '3530111333300000',
];

/** French BBAN: bank (5) + branch (5) + account (11, may hold letters) + RIB key (2). */
function frBban(g: Gen): string {
  const bank = g.digits(5);
  const branch = g.digits(5);
  const acct = g.rand() < 0.75 ? g.digits(11) : g.digits(2) + g.chars(UPPER, 1) + g.digits(8);
  const num = (s: string) =>
    s.replace(/[A-Z]/g, (c) => String('123456789123456789234567890'[c.charCodeAt(0) - 65]));
  const key = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(num(acct))) % 97);
  return bank + branch + acct + String(key).padStart(2, '0');
}

const IBAN_SPEC: Record<string, { len: number; bban: (g: Gen) => string }> = {
  DE: { len: 22, bban: (g) => g.digits(18) },
  FR: { len: 27, bban: (g) => frBban(g) },
  ES: { len: 24, bban: (g) => g.digits(20) },
  GB: { len: 22, bban: (g) => g.pick(['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL']) + g.digits(14) },
  NL: { len: 18, bban: (g) => g.pick(['ABNA', 'INGB', 'RABO', 'TRIO']) + g.digits(10) },
  IT: { len: 27, bban: (g) => g.chars(UPPER, 1) + g.digits(10) + g.chars(DIGITS, 12) },
  BE: { len: 16, bban: (g) => g.digits(12) },
  CH: { len: 21, bban: (g) => g.digits(17) },
  AT: { len: 20, bban: (g) => g.digits(16) },
  PL: { len: 28, bban: (g) => g.digits(24) },
  PT: { len: 25, bban: (g) => g.digits(21) },
  IE: { len: 22, bban: (g) => g.pick(['AIBK', 'BOFI']) + g.digits(14) },
  SE: { len: 24, bban: (g) => g.digits(20) },
  NO: { len: 15, bban: (g) => g.digits(11) },
  SA: { len: 24, bban: (g) => g.digits(20) },
  AE: { len: 23, bban: (g) => g.digits(19) },
  BR: { len: 29, bban: (g) => g.digits(23) + 'C' + g.chars(UPPER + DIGITS, 1) },
};

export class Values extends Gen {
  // ------------------------------------------------------------ cards
  cardDigits(brand: CardBrand): string {
    const body = (prefix: string, len: number) => {
      const b = prefix + this.digits(len - prefix.length - 1);
      return b + luhnCheckDigit(b);
    };
    switch (brand) {
      case 'visa':
        return body('4' + this.digits(1), 16);
      case 'mc':
        return body(String(this.int(51, 55)), 16);
      case 'mc2':
        return body(String(this.int(2221, 2720)), 16);
      case 'amex':
        return body(this.pick(['34', '37']), 15);
      case 'discover':
        return body(this.pick(['6011', '65' + this.digits(2)]), 16);
      case 'jcb':
        return body(String(this.int(3528, 3589)), 16);
      case 'diners':
        return body('36', 14);
      case 'unionpay':
        return body('62' + this.int(1, 8), this.pick([16, 19]));
    }
  }

  fmtCard(d: string, style: 'plain' | 'space' | 'dash'): string {
    if (style === 'plain') return d;
    const sep = style === 'space' ? ' ' : '-';
    if (d.length === 15) return group(d, [4, 6, 5], sep);
    if (d.length === 14) return group(d, [4, 6, 4], sep);
    return group(d, [4, 4, 4, 4], sep);
  }

  card(brand?: CardBrand, style?: 'plain' | 'space' | 'dash'): string {
    const b =
      brand ?? this.pick<CardBrand>(['visa', 'visa', 'mc', 'mc2', 'amex', 'discover', 'jcb', 'unionpay']);
    return this.fmtCard(this.cardDigits(b), style ?? this.pick(['plain', 'space', 'space', 'dash']));
  }

  /** Issuer-valid prefix, Luhn off by one. */
  cardBadLuhn(style?: 'plain' | 'space' | 'dash'): string {
    const d = this.cardDigits(this.pick<CardBrand>(['visa', 'mc', 'amex']));
    const last = (Number(d.at(-1)) + this.int(1, 9)) % 10;
    return this.fmtCard(d.slice(0, -1) + last, style ?? this.pick(['plain', 'space', 'dash']));
  }

  testPan(): string {
    return this.fmtCard(this.pick(TEST_PANS), this.pick(['plain', 'space']));
  }

  /** n digits whose Luhn check fails (for order / tracking numbers that must not be cards). */
  notLuhn(n: number): string {
    const b = String(this.int(1, 9)) + this.digits(n - 2);
    return b + ((luhnCheckDigit(b) + this.int(1, 9)) % 10);
  }

  /** 15-digit IMEI (TAC from GSMA bodies 35/86/01) with a Luhn check digit. */
  imei(): string {
    const b = this.pick(['35', '86', '01']) + this.digits(12);
    return b + luhnCheckDigit(b);
  }

  /** Luhn-valid 16 digits with a prefix no card network issues (e.g. 9, 7, 1). */
  luhnNoIssuer(): string {
    const b = this.pick(['9', '7', '1', '8']) + this.digits(14);
    return b + luhnCheckDigit(b);
  }

  // ------------------------------------------------------------ SSN
  ssnParts(): [string, string, string] {
    let area: number;
    do area = this.int(1, 899);
    while (area === 666);
    return [
      String(area).padStart(3, '0'),
      String(this.int(1, 99)).padStart(2, '0'),
      String(this.int(1, 9999)).padStart(4, '0'),
    ];
  }

  ssn(sep = '-'): string {
    return this.ssnParts().join(sep);
  }

  ssnInvalid(): string {
    const [a, g, s] = this.ssnParts();
    switch (this.int(0, 4)) {
      case 0:
        return `000-${g}-${s}`;
      case 1:
        return `666-${g}-${s}`;
      case 2:
        return `9${this.digits(2)}-${g}-${s}`;
      case 3:
        return `${a}-00-${s}`;
      default:
        return `${a}-${g}-0000`;
    }
  }

  // ------------------------------------------------------------ email
  email(): string {
    const first = this.pick([
      'anna',
      'marco',
      'li.wei',
      'priya',
      'j.schmidt',
      'sofia',
      'tom',
      'yuki',
      'omar',
      'lucas',
    ]);
    const forms = [
      first,
      `${first}.${this.pick(['mueller', 'garcia', 'tanaka', 'sharma', 'dubois', 'silva', 'nguyen', 'haddad'])}`,
      `${first}${this.int(1, 99)}`,
      `${first}+${this.pick(['billing', 'ai', 'news'])}`,
    ];
    const domain = this.pick([
      'gmail.com',
      'outlook.com',
      'acme-corp.de',
      'northwind.co.uk',
      'contoso.io',
      'globex.fr',
      'initech.com.br',
      'yahoo.co.jp',
      'qq.com',
      'tatasteel.in',
      'hooli.ai',
      'umbrella-health.org',
      'mail.stark-industries.net',
    ]);
    return `${this.pick(forms)}@${domain}`;
  }

  /** RFC 2606 / 6761 reserved domains: never a real mailbox. */
  reservedEmail(): string {
    return `${this.pick(['jane', 'user', 'alice', 'bob', 'admin'])}@${this.pick([
      'example.com',
      'example.org',
      'example.net',
      'mail.example',
      'shop.test',
      'foo.invalid',
    ])}`;
  }

  // ------------------------------------------------------------ IP
  ipv4Private(): string {
    switch (this.int(0, 2)) {
      case 0:
        return `10.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
      case 1:
        return `172.${this.int(16, 31)}.${this.int(0, 255)}.${this.int(1, 254)}`;
      default:
        return `192.168.${this.int(0, 255)}.${this.int(1, 254)}`;
    }
  }

  ipv4Public(): string {
    const first = this.pick([34, 35, 52, 54, 81, 85, 91, 104, 142, 151, 185, 213, 217, 5, 46, 77]);
    return `${first}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }

  ipv4(): string {
    return this.rand() < 0.5 ? this.ipv4Private() : this.ipv4Public();
  }

  ipv4Doc(): string {
    return `${this.pick(['192.0.2', '198.51.100', '203.0.113'])}.${this.int(1, 254)}`;
  }

  ipv6(): string {
    const h = () => this.chars(HEX, this.int(1, 4)).replace(/^0+(?=.)/, '');
    switch (this.int(0, 2)) {
      case 0:
        return `2a02:${h()}:${h()}:${h()}:${h()}:${h()}:${h()}:${h()}`;
      case 1:
        return `2a01:4f8:${h()}:${h()}::${this.int(1, 9)}`;
      default:
        return `2600:1f18:${h()}:${h()}:${h()}:${h()}:${h()}:${h()}`;
    }
  }

  ipv6Doc(): string {
    return `2001:db8:${this.chars(HEX, 3)}::${this.int(1, 99)}`;
  }

  // ------------------------------------------------------------ IBAN
  ibanCompact(country?: string): string {
    const cc = country ?? this.pick(Object.keys(IBAN_SPEC));
    const spec = IBAN_SPEC[cc]!;
    const bban = spec.bban(this);
    if (cc.length + 2 + bban.length !== spec.len) throw new Error(`IBAN spec ${cc}`);
    const check = 98 - ibanMod97(`${cc}00${bban}`);
    return `${cc}${String(check).padStart(2, '0')}${bban}`;
  }

  iban(country?: string, spaced?: boolean): string {
    const c = this.ibanCompact(country);
    return (spaced ?? this.rand() < 0.6) ? c.replace(/(.{4})(?=.)/g, '$1 ') : c;
  }

  ibanBadCheck(country?: string): string {
    const c = this.ibanCompact(country);
    const ck = (Number(c.slice(2, 4)) + this.int(1, 9)) % 97;
    const bad = c.slice(0, 2) + String(Math.max(ck, 2)).padStart(2, '0') + c.slice(4);
    const out = ibanMod97(bad) === 1 ? c.slice(0, 2) + '00' + c.slice(4) : bad;
    return out.replace(/(.{4})(?=.)/g, '$1 ');
  }

  // ------------------------------------------------------------ NHS / Aadhaar / ABA
  nhsDigits(): string {
    for (;;) {
      const b = this.pick(['4', '6', '7']) + this.digits(8);
      const c = nhsCheckDigit(b);
      if (c !== null) return b + c;
    }
  }

  nhs(spaced?: boolean): string {
    const d = this.nhsDigits();
    return (spaced ?? this.rand() < 0.7) ? group(d, [3, 3, 4], ' ') : d;
  }

  nhsInvalid(): string {
    const d = this.nhsDigits();
    const bad = d.slice(0, 9) + ((Number(d[9]) + this.int(1, 9)) % 10);
    return group(bad, [3, 3, 4], ' ');
  }

  aadhaarDigits(): string {
    const b = String(this.int(2, 9)) + this.digits(10);
    return b + verhoeffCheckDigit(b);
  }

  aadhaar(spaced?: boolean): string {
    const d = this.aadhaarDigits();
    return (spaced ?? this.rand() < 0.75) ? group(d, [4, 4, 4], ' ') : d;
  }

  aadhaarInvalid(): string {
    const d = this.aadhaarDigits();
    return group(d.slice(0, 11) + ((Number(d[11]) + this.int(1, 9)) % 10), [4, 4, 4], ' ');
  }

  routing(): string {
    for (;;) {
      const p = this.pick([
        '01',
        '02',
        '03',
        '04',
        '05',
        '06',
        '07',
        '08',
        '09',
        '10',
        '11',
        '12',
        '21',
        '22',
        '26',
        '31',
        '32',
        '61',
        '67',
        '72',
      ]);
      const body = p + this.digits(6);
      for (let c = 0; c < 10; c++) if (abaValid(body + c)) return body + c;
    }
  }

  routingInvalid(): string {
    const r = this.routing();
    return r.slice(0, 8) + ((Number(r[8]) + this.int(1, 9)) % 10);
  }

  // ------------------------------------------------------------ phones
  nanpParts(): [string, string, string] {
    let npa: string;
    do npa = String(this.int(2, 9)) + this.int(0, 8) + this.int(0, 9);
    while (npa[1] === '1' && npa[2] === '1');
    let nxx: string;
    do nxx = String(this.int(2, 9)) + this.digits(2);
    while ((nxx[1] === '1' && nxx[2] === '1') || nxx === '555');
    return [npa, nxx, this.digits(4)];
  }

  usPhone(): string {
    const [a, b, c] = this.nanpParts();
    return this.pick([
      `(${a}) ${b}-${c}`,
      `${a}-${b}-${c}`,
      `+1 ${a} ${b} ${c}`,
      `${a}.${b}.${c}`,
      `+1-${a}-${b}-${c}`,
    ]);
  }

  intlPhone(country?: string): string {
    const cc = country ?? this.pick(['DE', 'FR', 'UK', 'ES', 'BR', 'IN', 'JP', 'CN', 'AE', 'PT']);
    const d = (n: number) => this.digits(n);
    switch (cc) {
      case 'DE':
        return this.pick([
          `+49 30 ${this.int(2, 9)}${d(7)}`,
          `+49 151 ${this.int(2, 9)}${d(7)}`,
          `0171 ${this.int(2, 9)}${d(6)}`,
        ]);
      case 'FR':
        return this.pick([
          `+33 6 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
          `06 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
          `+33 1 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
        ]);
      case 'UK':
        return this.pick([
          `+44 7${this.int(4, 9)}${d(2)} ${this.int(2, 8)}${d(5)}`,
          `+44 161 ${this.int(2, 8)}${d(2)} ${d(4)}`,
        ]);
      case 'ES':
        return `+34 6${d(2)} ${d(3)} ${d(3)}`;
      case 'PT':
        return `+351 9${this.int(1, 6)}${d(1)} ${d(3)} ${d(3)}`;
      case 'BR':
        return this.pick([`+55 11 9${d(4)}-${d(4)}`, `(21) 9${d(4)}-${d(4)}`]);
      case 'IN':
        return `+91 ${this.int(7, 9)}${d(4)} ${d(5)}`;
      case 'JP':
        return this.pick([`090-${d(4)}-${d(4)}`, `+81 3-${d(4)}-${d(4)}`, `080-${d(4)}-${d(4)}`]);
      case 'CN':
        return `+86 1${this.pick(['38', '39', '86', '58'])} ${d(4)} ${d(4)}`;
      default:
        return `+971 5${this.pick(['0', '2', '5'])} ${d(3)} ${d(4)}`;
    }
  }

  // ------------------------------------------------------------ secrets
  githubClassic(prefix = 'ghp_'): string {
    const e = this.mixed(B62, 30);
    return prefix + e + base62(crc32(e), 6);
  }

  githubFineGrained(): string {
    return `github_pat_11${this.chars(UPPER + DIGITS, 20)}_${this.mixed(B62, 59)}`;
  }

  npmToken(): string {
    const e = this.mixed(B62, 30);
    return 'npm_' + e + base62(crc32(e), 6);
  }

  gitlab(): string {
    return 'glpat-' + this.mixed(B62 + '-_', 20);
  }

  awsKeyId(): string {
    return this.pick(['AKIA', 'ASIA']) + this.chars(UPPER + '234567', 16);
  }

  awsSecret(): string {
    return this.mixed(B64, 40);
  }

  slackBot(): string {
    return `xoxb-${this.digits(11)}-${this.digits(13)}-${this.mixed(B62, 24)}`;
  }

  slackUser(): string {
    return `xoxp-${this.digits(11)}-${this.digits(11)}-${this.digits(13)}-${this.chars(HEX, 32)}`;
  }

  slackWebhook(): string {
    return `https://hooks.slack.com/services/T${this.chars(UPPER + DIGITS, 8)}/B${this.chars(UPPER + DIGITS, 10)}/${this.mixed(B62, 24)}`;
  }

  stripe(mode: 'live' | 'test' = 'live', kind: 'sk' | 'rk' = 'sk'): string {
    return `${kind}_${mode}_${this.pick(['51', '4e'])}${this.mixed(B62, this.pick([22, 97]))}`;
  }

  openai(): string {
    return this.rand() < 0.5
      ? `sk-${this.mixed(B62, 20)}T3BlbkFJ${this.mixed(B62, 20)}`
      : `sk-proj-${this.mixed(B64URL, 74)}T3BlbkFJ${this.mixed(B64URL, 74)}`;
  }

  anthropic(): string {
    return `sk-ant-api03-${this.mixed(B64URL, 93)}AA`;
  }

  google(): string {
    return 'AIza' + this.mixed(B64URL, 35);
  }

  azureStorageKey(): string {
    return this.mixed(B64, 86) + '==';
  }

  sendgrid(): string {
    return `SG.${this.mixed(B64URL, 22)}.${this.mixed(B64URL, 43)}`;
  }

  twilioKeySid(): string {
    return 'SK' + this.chars(HEX, 32);
  }

  pypi(): string {
    return 'pypi-AgEIcHlwaS5vcmc' + this.mixed(B64URL, 70 + this.int(0, 60));
  }

  huggingface(): string {
    return 'hf_' + this.mixed(UPPER + LOWER, 34);
  }

  mailgun(): string {
    return 'key-' + this.chars(HEX, 32);
  }

  digitalocean(): string {
    return 'dop_v1_' + this.chars(HEX, 64);
  }

  shopify(): string {
    return this.pick(['shpat_', 'shpss_', 'shpca_']) + this.chars(HEX, 32);
  }

  databricks(): string {
    return 'dapi' + this.chars(HEX, 32);
  }

  atlassian(): string {
    return 'ATATT3xFfGF0' + this.mixed(B64URL, 170) + '=' + this.chars(HEX.toUpperCase(), 8);
  }

  jwt(): string {
    const header = b64url(JSON.stringify({ alg: this.pick(['HS256', 'RS256']), typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        sub: String(this.int(100000, 999999)),
        name: this.pick(['Anna Müller', 'Raj Patel', 'Chen Jing']),
        iat: 1700000000 + this.int(0, 9999999),
        exp: 1800000000 + this.int(0, 9999999),
      }),
    );
    const sig = this.mixed(B64URL, this.pick([43, 86, 342]));
    return `${header}.${payload}.${sig}`;
  }

  pemPrivateKey(kind?: string): string {
    const k = kind ?? this.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
    const lines: string[] = [];
    const first =
      k === 'OPENSSH PRIVATE KEY'
        ? 'b3BlbnNzaC1rZXktdjEAAAAA'
        : k === 'EC PRIVATE KEY'
          ? 'MHcCAQEEI'
          : 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC';
    lines.push(first + this.chars(B64, 64 - first.length));
    const n = k === 'EC PRIVATE KEY' ? 2 : this.int(5, 9);
    for (let i = 0; i < n; i++) lines.push(this.chars(B64, 64));
    lines.push(this.chars(B64, this.int(10, 60)) + '=');
    return `-----BEGIN ${k}-----\n${lines.join('\n')}\n-----END ${k}-----`;
  }

  /** A strong password such as a person or generator would produce. */
  password(): string {
    return this.pick([
      () => this.mixed(B62 + '!@#%^&*', this.int(14, 24)),
      () =>
        `${this.pick(['Summer', 'Winter', 'Kairro', 'Falcon', 'Blue'])}${this.int(10, 99)}!${this.mixed(B62, 10)}`,
      () => this.mixed(B64URL, 32),
    ])();
  }

  hexSecret(n = 32): string {
    return this.chars(HEX, n);
  }

  // ------------------------------------------------------------ hard-negative shapes
  uuid(): string {
    const h = (n: number) => this.chars(HEX, n);
    return `${h(8)}-${h(4)}-4${h(3)}-${this.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
  }

  gitSha(n = 40): string {
    return this.chars(HEX, n);
  }

  sha256(): string {
    return this.chars(HEX, 64);
  }

  base64Blob(n: number): string {
    return this.chars(B64, n);
  }

  version(): string {
    return `${this.int(1, 12)}.${this.int(0, 30)}.${this.int(0, 40)}.${this.int(0, 300)}`;
  }
}
