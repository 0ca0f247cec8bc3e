import { randomDigits, randomInt } from '../../random.ts';
import { type PromptBuilder, chance, pick } from './builder.ts';
import { KEY_KINDS, jwt } from './keys.ts';
import { email, ipv4 } from './network.ts';
import type { Rng } from './types.ts';

/** Terminal sessions: credentials inside headers and URLs, masked values that are safe to share. */

const byProvider = (provider: string) => KEY_KINDS.find((k) => k.provider === provider)!;

export function shellPrompt(b: PromptBuilder, rand: Rng): void {
  b.text(
    pick(rand, ['Why does this return 401?', 'This worked yesterday:', 'Warum schlägt das fehl?']),
    '\n```sh\n',
  );
  b.text('$ curl -s -H "Authorization: Bearer ').value('API_KEY_LIKE', jwt(rand)).text('" \\\n  ');
  b.text('http://')
    .value('IP_ADDRESS', ipv4(rand))
    .text(`:${randomInt(rand, 3000, 9000)}/api/v1/health\n`);
  if (chance(rand, 0.5)) {
    b.text('$ git clone https://oauth2:').value('API_KEY_LIKE', byProvider('gitlab').make(rand));
    b.text('@gitlab.com/acme/platform.git\n');
  }
  if (chance(rand, 0.5)) {
    b.text("$ curl -H 'Authorization: token ").value('API_KEY_LIKE', byProvider('github').make(rand));
    b.text("' https://api.github.com/user\n");
  }
  b.text(
    `{"error":"unauthorized","ip":"192.168.1.${randomInt(rand, 256, 999)}","retry_after":${randomInt(rand, 1, 60)}}\n`,
  );
  b.text('```\n');
  // Masked values: what support tools show instead of the real thing.
  b.text(
    pick(rand, [
      `The customer's card on file is **** **** **** ${randomDigits(rand, 4)}, SSN ***-**-${randomDigits(rand, 4)}.`,
      `Card ending in ${randomDigits(rand, 4)}, refund of $${randomInt(rand, 1, 9)},${randomDigits(rand, 3)}.${randomDigits(rand, 2)} approved.`,
      `SSN XXX-XX-${randomDigits(rand, 4)} on file; ticket 2024-${randomDigits(rand, 6)}.`,
    ]),
  );
  if (chance(rand, 0.4))
    b.text(' Questions: <').value('EMAIL', email(rand)).text('> or mailto:').value('EMAIL', email(rand));
}
