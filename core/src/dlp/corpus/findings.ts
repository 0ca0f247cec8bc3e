import { randomInt } from '../../random.ts';
import { type PromptBuilder, pick } from './builder.ts';
import { KEY_KINDS } from './keys.ts';
import { type Language, PHRASES, gap } from './language.ts';
import { email, ipv4, ipv6 } from './network.ts';
import { aadhaar, nhsNumber } from './national-ids.ts';
import { card, iban, phoneNumber, routingNumber, ssn } from './numbers.ts';
import type { Rng } from './types.ts';

/** A sensitive value of a random type, introduced the way people write it in `lang`. */
export function writeFinding(b: PromptBuilder, rand: Rng, lang: Language): void {
  const p = PHRASES[lang];
  const g = gap(rand, lang);
  switch (randomInt(rand, 0, 10)) {
    case 0:
    case 1:
      b.text(p.card, g).value('CREDIT_CARD', card(rand));
      break;
    case 2:
      b.text(p.ssn, g).value('US_SSN', ssn(rand));
      break;
    case 3:
      b.text(p.email, g).value('EMAIL', email(rand));
      break;
    case 4:
      b.text(p.ip, g).value('IP_ADDRESS', rand() < 0.7 ? ipv4(rand) : ipv6(rand));
      break;
    case 5:
    case 6:
      b.text(p.key, ' ').value(
        'API_KEY_LIKE',
        pick(
          rand,
          KEY_KINDS.filter((k) => k.provider !== 'generic'),
        ).make(rand),
      );
      break;
    case 7:
      b.text(p.iban, ' ').value('IBAN', iban(rand));
      break;
    case 8:
      b.text(p.phone, g).value('PHONE_NUMBER', phoneNumber(rand));
      break;
    case 9:
      if (rand() < 0.5) b.text('NHS number', ' ').value('UK_NHS_NUMBER', nhsNumber(rand));
      else b.text('Aadhaar', g).value('IN_AADHAAR', aadhaar(rand));
      break;
    default:
      b.text(lang === 'en' ? 'routing number' : 'ABA routing', ' ').value(
        'US_BANK_ROUTING',
        routingNumber(rand),
      );
  }
}

/** Text that closes a sentence after a value; never glued to it so boundaries stay unambiguous. */
export function endSentence(rand: Rng, lang: Language): string {
  if (lang === 'ja') return pick(rand, ['です。', ' です。', 'まで。']);
  if (lang === 'zh') return pick(rand, ['。', ' 。', '，谢谢。']);
  return pick(rand, ['.', ' .', ', thanks.', ' — ok?', ' 🙏', '!']);
}
