/**
 * ABA routing transit number: 9 digits, weights 3-7-1 summing to a multiple of 10, and a first
 * pair the Federal Reserve assigns (00–12 banks, 21–32 thrifts, 61–72 electronic, 80 travellers'
 * cheques). 000000000 passes the checksum but is no bank.
 */
export function abaValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
  const prefix = Number(digits.slice(0, 2));
  const assigned =
    prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!assigned) return false;
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * weights[i % 3]!;
  return sum % 10 === 0;
}
