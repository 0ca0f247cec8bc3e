import { randomInt } from '../../random.ts';
import { type PromptBuilder, chance, pick } from './builder.ts';
import { decoy } from './decoys.ts';
import { KEY_KINDS, azureConnection, keyPlaceholder, privateKey } from './keys.ts';
import { email, hexHash, ipv4, uuid } from './network.ts';
import type { Rng } from './types.ts';

/** Config files and snippets with credentials, placeholders and harmless look-alikes. */

const ASKS = [
  'Why does this config not load?',
  'Convert this .env to a docker-compose environment block:',
  'Can you review this snippet?',
  'Explain what this does:',
  'Hilf mir, diesen Fehler zu verstehen:',
  'このコードのバグを見つけてください：',
];

type Style = 'env' | 'yaml' | 'json' | 'python' | 'js';

function assign(b: PromptBuilder, style: Style, name: string, type: string | null, value: string): void {
  const write = (v: string): PromptBuilder => (type ? b.value(type, v) : b.text(v));
  const lower = name.toLowerCase();
  if (style === 'env') b.text(`${name}=`);
  else if (style === 'yaml') b.text(`  ${lower}: `);
  else if (style === 'json') b.text(`  "${lower}": "`);
  else if (style === 'python') b.text(`${lower} = "`);
  else b.text(`const ${lower.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())} = '`);
  write(value);
  b.text(style === 'json' ? '",\n' : style === 'python' ? '"\n' : style === 'js' ? "';\n" : '\n');
}

export function codePrompt(b: PromptBuilder, rand: Rng): void {
  const style = pick(rand, ['env', 'yaml', 'json', 'python', 'js'] as const);
  b.text(pick(rand, ASKS), '\n```\n');
  if (style === 'json') b.text('{\n');
  if (style === 'yaml') b.text('service:\n');
  assign(
    b,
    style,
    'APP_VERSION',
    null,
    `${randomInt(rand, 1, 9)}.${randomInt(rand, 0, 30)}.${randomInt(rand, 0, 9)}`,
  );
  for (let i = randomInt(rand, 0, 3); i > 0; i--) {
    const kind = pick(rand, KEY_KINDS);
    assign(b, style, kind.envName, 'API_KEY_LIKE', kind.make(rand));
  }
  if (chance(rand, 0.5)) assign(b, style, 'ADMIN_EMAIL', 'EMAIL', email(rand));
  if (chance(rand, 0.4)) assign(b, style, 'DB_HOST', 'IP_ADDRESS', ipv4(rand));
  assign(b, style, 'REQUEST_ID', null, uuid(rand));
  assign(b, style, 'CACHE_CHECKSUM', null, hexHash(rand, 32));
  if (style === 'json') b.text(`  "retina_icon": "icon@2x.png"\n}\n`);
  b.text('```\n');
  if (chance(rand, 0.6)) b.text('The example file has ', keyPlaceholder(rand), ' in it.\n');
  if (chance(rand, 0.1)) {
    const azure = azureConnection(rand);
    b.text('AZURE_STORAGE=', azure.before).value('API_KEY_LIKE', azure.key).text(azure.after, '\n');
  }
  if (chance(rand, 0.08)) b.text('and the deploy key:\n').value('API_KEY_LIKE', privateKey(rand)).text('\n');
  b.text(`(${decoy(rand)})`);
}

const UA = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'curl/8.4.0',
  'python-requests/2.31.0',
  'okhttp/4.12.0',
];

/** Access and application logs: addresses and users mixed with ids, times and versions. */
export function logPrompt(b: PromptBuilder, rand: Rng): void {
  b.text(
    pick(rand, [
      'What is going wrong here?',
      'Summarize these logs:',
      'Logs from prod:',
      '日志如下，请分析：',
    ]),
    '\n',
  );
  for (let i = randomInt(rand, 3, 9); i > 0; i--) {
    const hh = String(randomInt(rand, 0, 23)).padStart(2, '0');
    b.text(
      `2026-0${randomInt(rand, 1, 9)}-1${randomInt(rand, 0, 9)}T${hh}:0${randomInt(rand, 0, 9)}:${randomInt(rand, 10, 59)}.${randomInt(rand, 100, 999)}Z `,
    );
    b.text(pick(rand, ['INFO ', 'WARN ', 'ERROR ', 'DEBUG ']));
    b.text(`req=${uuid(rand)} `);
    if (chance(rand, 0.6)) b.text('client=').value('IP_ADDRESS', ipv4(rand)).text(' ');
    if (chance(rand, 0.3)) b.text('user=').value('EMAIL', email(rand)).text(' ');
    b.text(
      pick(rand, ['GET', 'POST', 'PUT']),
      ` /api/v${randomInt(rand, 1, 3)}/orders/${randomInt(rand, 10000, 99999)} `,
    );
    b.text(`${pick(rand, ['200', '201', '404', '500', '502'])} ${randomInt(rand, 1, 900)}ms `);
    if (chance(rand, 0.4)) b.text(`ua="${pick(rand, UA)}" `);
    if (chance(rand, 0.3))
      b.text(`svc=checkout@${randomInt(rand, 1, 4)}.${randomInt(rand, 0, 20)}.${randomInt(rand, 0, 9)} `);
    if (chance(rand, 0.2)) b.text(`trace=${hexHash(rand, 32)} `);
    if (chance(rand, 0.15))
      b.text('upstream=[')
        .value('IP_ADDRESS', `2001:db8:${randomInt(rand, 1, 999)}::${randomInt(rand, 1, 99)}`)
        .text(']:443 ');
    b.text('\n');
  }
  if (chance(rand, 0.3)) b.text(decoy(rand), '\n');
}
