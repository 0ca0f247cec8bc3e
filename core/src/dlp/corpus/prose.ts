import { randomInt } from '../../random.ts';
import { type PromptBuilder, chance, pick } from './builder.ts';
import { date, decoy, orderNumber } from './decoys.ts';
import { endSentence, writeFinding } from './findings.ts';
import { EMOJI, LANGUAGES, type Language, PHRASES, filler, gap } from './language.ts';
import { aadhaar, nhsNumber } from './national-ids.ts';
import { email } from './network.ts';
import { card, iban, phoneNumber, routingNumber, ssn } from './numbers.ts';
import type { Rng } from './types.ts';

/** Emails, chat messages, support tickets and HR notes in several languages. */

const GREETING: Record<Language, string> = {
  en: 'Hi team,',
  de: 'Hallo zusammen,',
  fr: 'Bonjour à tous,',
  es: 'Hola equipo,',
  ja: 'お疲れ様です。',
  zh: '大家好，',
};

export function emailPrompt(b: PromptBuilder, rand: Rng): void {
  const lang = pick(rand, LANGUAGES);
  b.text('Rewrite this email:\n\n', GREETING[lang], '\n', filler(rand, lang, randomInt(rand, 1, 3)), '\n');
  for (let i = randomInt(rand, 0, 2); i > 0; i--) {
    writeFinding(b, rand, lang);
    b.text(endSentence(rand, lang), '\n');
  }
  if (chance(rand, 0.5)) b.text(`(${decoy(rand)})\n`);
  b.text('--\n', pick(rand, ['Anna Schmidt', 'Carlos García', '田中 優子', '张伟']), '\n');
  if (chance(rand, 0.6)) b.value('EMAIL', email(rand)).text('\n');
  if (chance(rand, 0.4)) b.text('Tel. ').value('PHONE_NUMBER', phoneNumber(rand)).text('\n');
}

export function chatPrompt(b: PromptBuilder, rand: Rng): void {
  const lang = pick(rand, LANGUAGES);
  if (chance(rand, 0.5)) b.text(pick(rand, EMOJI), ' ');
  b.text(filler(rand, lang, 1), gap(rand, lang));
  if (chance(rand, 0.7)) {
    writeFinding(b, rand, lang);
    b.text(endSentence(rand, lang));
  } else {
    b.text(decoy(rand));
  }
  if (chance(rand, 0.5)) b.text(' ', pick(rand, EMOJI));
}

export function ticketPrompt(b: PromptBuilder, rand: Rng): void {
  const lang = pick(rand, ['en', 'en', 'de', 'es', 'fr'] as const);
  const p = PHRASES[lang];
  b.text(`Ticket ${orderNumber(rand)} · opened ${date(rand)}\nFrom: `)
    .value('EMAIL', email(rand))
    .text('\n');
  b.text(`${p.order} ${orderNumber(rand)}. `, filler(rand, lang, 1), '\n');
  if (chance(rand, 0.6))
    b.text(`${p.card} `)
      .value('CREDIT_CARD', card(rand))
      .text(` exp ${randomInt(rand, 1, 12)}/${randomInt(rand, 26, 31)}\n`);
  if (chance(rand, 0.3)) b.text('Customer SSN for the credit check: ').value('US_SSN', ssn(rand)).text('\n');
  if (chance(rand, 0.5)) b.text(`Previous card ${decoy(rand)}\n`);
  if (chance(rand, 0.3)) b.text(`${p.phone} `).value('PHONE_NUMBER', phoneNumber(rand)).text('\n');
  b.text('Please draft a reply.');
}

export function hrPrompt(b: PromptBuilder, rand: Rng): void {
  const name = pick(rand, ['Maria Lopez', 'Kenji Sato', 'Julia Becker', 'Omar Haddad', 'Lea Martin']);
  b.text(`Draft an onboarding summary for ${name}, starting ${date(rand)}.\n`);
  b.text('Employee SSN: ').value('US_SSN', ssn(rand)).text('\n');
  if (chance(rand, 0.5))
    b.text('Direct deposit: routing ')
      .value('US_BANK_ROUTING', routingNumber(rand))
      .text(`, account ${randomInt(rand, 1000000, 99999999)}\n`);
  if (chance(rand, 0.5)) b.text('Salary account IBAN: ').value('IBAN', iban(rand)).text('\n');
  b.text('Personal email: ').value('EMAIL', email(rand)).text('\n');
  if (chance(rand, 0.25)) b.text('NHS number: ').value('UK_NHS_NUMBER', nhsNumber(rand)).text('\n');
  if (chance(rand, 0.25)) b.text('Aadhaar: ').value('IN_AADHAAR', aadhaar(rand)).text(' (India payroll)\n');
  if (chance(rand, 0.5)) b.text('Mobile: ').value('PHONE_NUMBER', phoneNumber(rand)).text('\n');
  b.text(
    `Employee id E-${randomInt(rand, 10000, 99999)}, cost center ${randomInt(rand, 1000, 9999)}, laptop asset ${orderNumber(rand)}.\n`,
  );
  if (chance(rand, 0.4)) b.text(`Note: the old form showed SSN ${'000-00-0000'} as a placeholder.\n`);
}
