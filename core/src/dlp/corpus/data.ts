import { randomDigits, randomInt } from '../../random.ts';
import { HEX, type PromptBuilder, chance, pick, randomChars } from './builder.ts';
import { date } from './decoys.ts';
import { email, ipv4 } from './network.ts';
import { cardDigits, phoneNumber, ssn } from './numbers.ts';
import type { Rng } from './types.ts';

/** Tabular data pasted into prompts: CSV exports and Markdown tables, with product codes and ARNs. */

/** GS1 EAN-13 with a valid check digit; German prefixes 400–440 make them start with 4 like Visa. */
function ean13(rand: Rng): string {
  const body = String(randomInt(rand, 400, 440)) + randomDigits(rand, 9);
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
}

/** A handset IMEI: reporting-body prefix 35/86/01, Luhn check digit like a card, but no card issuer. */
function imei(rand: Rng): string {
  const body = pick(rand, ['35', '86', '01']) + randomDigits(rand, 12);
  const sum = [...body].reverse().reduce((acc, d, i) => {
    const v = i % 2 === 0 ? Number(d) * 2 : Number(d);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return body + ((10 - (sum % 10)) % 10);
}

export function csvPrompt(b: PromptBuilder, rand: Rng): void {
  b.text(
    pick(rand, [
      'Find duplicate customers in this export:',
      'Turn this CSV into a summary table:',
      'CSV aus dem CRM, bitte bereinigen:',
    ]),
  );
  b.text('\nid,email,phone,last_ip,signup,plan,amount,sku\n');
  for (let i = randomInt(rand, 3, 12); i > 0; i--) {
    b.text(`${randomInt(rand, 10000, 99999)},`)
      .value('EMAIL', email(rand))
      .text(',');
    if (chance(rand, 0.5))
      b.value('PHONE_NUMBER', chance(rand, 0.5) ? `+1415555${randomDigits(rand, 4)}` : phoneNumber(rand));
    b.text(',')
      .value('IP_ADDRESS', ipv4(rand))
      .text(`,${date(rand)},${pick(rand, ['free', 'pro', 'team'])},`);
    b.text(
      `${randomInt(rand, 1, 999)}.${randomDigits(rand, 2)},`,
      chance(rand, 0.3) ? `EAN ${ean13(rand)}` : '',
      '\n',
    );
  }
}

export function tablePrompt(b: PromptBuilder, rand: Rng): void {
  b.text(
    'Which of these hosts are out of date?\n\n| host | address | nginx | account |\n|---|---|---|---|\n',
  );
  for (let i = randomInt(rand, 2, 6); i > 0; i--) {
    b.text(`| web-${randomInt(rand, 1, 40)} | `)
      .value('IP_ADDRESS', ipv4(rand))
      .text(`:${pick(rand, ['80', '443', '8443'])} | `);
    b.text(
      `1.${randomInt(rand, 18, 27)}.${randomInt(rand, 0, 4)} | arn:aws:iam::${randomDigits(rand, 12)}:role/web |\n`,
    );
  }
  b.text(
    `\nGUID {${randomChars(rand, 8, HEX)}-${randomChars(rand, 4, HEX)}-${randomChars(rand, 4, HEX)}-${randomChars(rand, 4, HEX)}-${randomChars(rand, 12, HEX)}}, `,
  );
  b.text(`IMEI ${imei(rand)}, ISBN 978-3-16-${randomDigits(rand, 6)}-${randomInt(rand, 0, 9)}, `);
  b.text(
    `coordinates ${randomInt(rand, 10, 60)}.${randomDigits(rand, 4)}, ${randomInt(rand, 10, 60)}.${randomDigits(rand, 4)}.\n`,
  );
  if (chance(rand, 0.5)) {
    b.text('Billing fixture: {"ssn": "')
      .value('US_SSN', ssn(rand))
      .text('", "card_number": ')
      .value('CREDIT_CARD', cardDigits(rand))
      .text('}\n');
  }
}
