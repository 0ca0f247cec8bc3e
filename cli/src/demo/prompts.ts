/**
 * A realistic mix of prompts an org's employees send: mostly harmless work, some that leak
 * personal data, card numbers, credentials or internal addresses. Values are generated so they
 * pass the detectors' validators (Luhn, SSN rules) without being anybody's real data.
 */
export interface DemoPrompt {
  url: string;
  prompt: string;
}

type Rand = () => number;

const TOOLS = [
  'https://chatgpt.com/c/new',
  'https://claude.ai/new',
  'https://gemini.google.com/app',
  'https://copilot.microsoft.com/',
  'https://www.perplexity.ai/search',
  'https://chat.mistral.ai/chat',
];

const BENIGN = [
  'Summarise the key points of our Q3 planning notes in five bullets.',
  'Rewrite this paragraph so it sounds friendlier: "Per my last email, the deadline is Friday."',
  'Write a SQL query that returns the ten customers with the highest lifetime value.',
  'Explain the difference between a mutex and a semaphore with an example in Go.',
  'Draft a polite reply declining the meeting invitation for Thursday.',
  'What are good interview questions for a senior data engineer?',
  'Translate "the shipment will arrive next Tuesday" into German and French.',
  'Give me a regex that matches ISO 8601 dates.',
  'Suggest three names for an internal tool that tracks on-call handovers.',
  'How do I configure a readiness probe in Kubernetes for a Node.js service?',
  'Write unit tests for a function that parses semantic version strings like 1.2.3.',
  'Outline a 30-minute onboarding session for new support agents.',
];

const RISKY: Array<(r: Rand) => string> = [
  (r) => `Customer says their card ${card(r)} was charged twice, draft an apology email.`,
  (r) => `Can you check why this config fails? AWS_ACCESS_KEY_ID=AKIA${upper(r, 16)} region=eu-west-1`,
  (r) => `Format this for the HR form: name Dana Smith, SSN ${ssn(r)}, start date March 3.`,
  (r) => `Reply to ${person(r)}@acme-corp.com and ${person(r)}@example.org about the contract renewal.`,
  (r) =>
    `The VPN gateway at 10.${int(r, 255)}.${int(r, 255)}.${int(r, 254) + 1} drops connections, what should I check?`,
  (r) => `Debug this: const stripe = require('stripe')('sk_live_${alnum(r, 24)}');`,
  (r) => `My GitHub token ghp_${alnum(r, 36)} stopped working in CI, why?`,
  (r) => `Please summarise the complaint from ${person(r)}@gmail.com about invoice 4471.`,
];

export function demoPrompt(r: Rand): DemoPrompt {
  const url = pick(r, TOOLS);
  const prompt = r() < 0.6 ? pick(r, BENIGN) : pick(r, RISKY)(r);
  return { url, prompt };
}

function pick<T>(r: Rand, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

function int(r: Rand, max: number): number {
  return Math.floor(r() * (max + 1));
}

function fromAlphabet(r: Rand, alphabet: string, n: number): string {
  return Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
}

const upper = (r: Rand, n: number) => fromAlphabet(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', n);
const alnum = (r: Rand, n: number) =>
  fromAlphabet(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', n);
const person = (r: Rand) => pick(r, ['j.doe', 'maria.k', 'sam', 'li.wei', 'a.novak', 'tom.b']);

/** A Visa-range number with a valid Luhn check digit, printed in groups of four. */
export function card(r: Rand): string {
  const digits = [4, ...Array.from({ length: 14 }, () => int(r, 9))];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i]!;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('').replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** An SSN that follows the area/group/serial rules (no 000, 666, 9xx areas; no 00 group; no 0000). */
export function ssn(r: Rand): string {
  let area = int(r, 898) + 1;
  if (area === 666) area = 667;
  const group = int(r, 98) + 1;
  const serial = int(r, 9998) + 1;
  return `${String(area).padStart(3, '0')}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
}
