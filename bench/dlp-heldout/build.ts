/** The tagged-template helper that turns hand-written prompts into text + exact UTF-16 label spans. */

export interface HeldoutLabel {
  type: string;
  start: number;
  end: number;
}

export interface HeldoutPrompt {
  id: string;
  text: string;
  labels: HeldoutLabel[];
}

export interface Mark {
  readonly type: string;
  readonly value: string;
}

const mark =
  (type: string) =>
  (value: string): Mark => ({ type, value });

export const CC = mark('CREDIT_CARD');
export const KEY = mark('API_KEY_LIKE');
export const SSN = mark('US_SSN');
export const EMAIL = mark('EMAIL');
export const IP = mark('IP_ADDRESS');
export const IBAN = mark('IBAN');
export const PHONE = mark('PHONE_NUMBER');
export const ABA = mark('US_BANK_ROUTING');
export const NHS = mark('UK_NHS_NUMBER');
export const AADHAAR = mark('IN_AADHAAR');

export type Built = Omit<HeldoutPrompt, 'id'>;

/**
 * `t\`refund card ${CC(v)} please\`` -> text with a CREDIT_CARD label on exactly v. Plain string
 * interpolations are unlabelled (used for hard negatives).
 */
export function t(strings: TemplateStringsArray, ...vals: Array<string | number | Mark>): Built {
  let text = strings[0]!;
  const labels: HeldoutLabel[] = [];
  vals.forEach((v, i) => {
    if (typeof v === 'object') {
      labels.push({ type: v.type, start: text.length, end: text.length + v.value.length });
      text += v.value;
    } else text += String(v);
    text += strings[i + 1]!;
  });
  return { text, labels };
}
