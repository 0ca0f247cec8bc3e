/**
 * Card numbers published by payment processors for testing (Stripe, Adyen, Braintree, PayPal
 * sandbox). They are Luhn-valid and carry real issuer prefixes, so the engine reports them; an org
 * whose developers paste them all day can put this list in its allowlist.
 */
export const TEST_CARD_NUMBERS: readonly string[] = Object.freeze([
  '4111111111111111',
  '4242424242424242',
  '4000056655665556',
  '4012888888881881',
  '4222222222222',
  '4000000000000002',
  '4000000000009995',
  '5555555555554444',
  '5200828282828210',
  '5105105105105100',
  '2223003122003222',
  '2222400070000005',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '6011111111111117',
  '6011000990139424',
  '6011000400000000',
  '3056930009020004',
  '30569309025904',
  '38520000023237',
  '36227206271667',
  '3566002020360505',
  '3530111333300000',
  '6200000000000005',
]);
