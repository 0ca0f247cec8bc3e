import { pick } from './builder.ts';
import type { Rng } from './types.ts';

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

interface Phrases {
  /** Sentences with nothing sensitive in them. */
  filler: readonly string[];
  /** Lead-ins, by what follows them. */
  card: string;
  ssn: string;
  email: string;
  ip: string;
  key: string;
  iban: string;
  phone: string;
  order: string;
}

export const PHRASES: Record<Language, Phrases> = {
  en: {
    filler: [
      'Can you help me rewrite this so it sounds more professional?',
      'Please summarize the thread below in three bullet points.',
      'The customer says the refund never arrived and wants an update by Friday.',
      'We migrated the service last week and since then the latency doubled.',
      'Translate the following into plain English for the board deck.',
      'Thanks in advance, this is blocking the release.',
    ],
    card: 'my card number is',
    ssn: 'SSN:',
    email: 'you can reach me at',
    ip: 'the server is at',
    key: 'here is the key I use:',
    iban: 'please wire it to',
    phone: 'call me on',
    order: 'order number',
  },
  de: {
    filler: [
      'Kannst du mir helfen, diese E-Mail höflicher zu formulieren?',
      'Der Kunde wartet seit drei Wochen auf die Gutschrift. 😕',
      'Bitte fasse das Protokoll der Besprechung kurz zusammen.',
      'Grüße aus München und danke für die schnelle Hilfe!',
    ],
    card: 'meine Kartennummer lautet',
    ssn: 'Sozialversicherungsnummer (US) SSN:',
    email: 'Schreib mir an',
    ip: 'der Server läuft auf',
    key: 'mein Schlüssel ist',
    iban: 'Überweisung bitte an IBAN',
    phone: 'erreichbar unter',
    order: 'Bestellnummer',
  },
  fr: {
    filler: [
      "Peux-tu reformuler ce message pour qu'il soit plus clair ?",
      'Le client se plaint que la facture est erronée. 🙏',
      'Merci de résumer ce compte rendu en français simple.',
      "Je reviens vers vous dès que l'équipe a validé le correctif.",
    ],
    card: 'mon numéro de carte est',
    ssn: 'numéro SSN :',
    email: "écrivez-moi à l'adresse",
    ip: "l'adresse du serveur est",
    key: 'voici ma clé :',
    iban: 'virement sur le compte',
    phone: 'joignable au',
    order: 'numéro de commande',
  },
  es: {
    filler: [
      '¿Puedes ayudarme a redactar una respuesta amable para este cliente?',
      'El pedido llegó dañado y el cliente pide un reembolso. 😬',
      'Resume este informe en español, por favor.',
      'Gracias, quedo atento a tus comentarios.',
    ],
    card: 'mi número de tarjeta es',
    ssn: 'número SSN:',
    email: 'mi correo es',
    ip: 'el servidor está en',
    key: 'esta es mi clave:',
    iban: 'transferencia a la cuenta',
    phone: 'llámame al',
    order: 'número de pedido',
  },
  ja: {
    filler: [
      'このメールをもう少し丁寧な日本語に直してください。',
      'お客様から返金についての問い合わせがありました🙇',
      '以下のログを見て原因を教えてください。',
      'よろしくお願いいたします。',
    ],
    card: 'カード番号は',
    ssn: 'SSNは',
    email: 'メールは',
    ip: 'サーバーのアドレスは',
    key: 'APIキーは',
    iban: '振込先IBANは',
    phone: '電話番号は',
    order: '注文番号',
  },
  zh: {
    filler: [
      '请帮我把这段话改写得更正式一些。',
      '客户说退款还没有到账，希望尽快处理。🚀',
      '请用中文总结下面的日志。',
      '谢谢！',
    ],
    card: '我的卡号是',
    ssn: '社会安全号码SSN：',
    email: '请发邮件到',
    ip: '服务器地址是',
    key: '我的密钥是',
    iban: '请汇款到',
    phone: '请打电话',
    order: '订单号',
  },
};

/** CJK is written without spaces around Latin values about half of the time. */
export function gap(rand: Rng, lang: Language): string {
  return (lang === 'ja' || lang === 'zh') && rand() < 0.5 ? '' : ' ';
}

export function filler(rand: Rng, lang: Language, sentences: number): string {
  return Array.from({ length: sentences }, () => pick(rand, PHRASES[lang].filler)).join(
    lang === 'ja' || lang === 'zh' ? '' : ' ',
  );
}

export const EMOJI = ['🙂', '🔥', '👍🏽', '🧑‍💻', '✅', '🇩🇪', '😅'];
