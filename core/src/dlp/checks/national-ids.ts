/**
 * UK NHS number: 10 digits, weights 10..2 on the first nine, check = 11 − (sum mod 11) with 11
 * read as 0; a remainder that asks for 10 means the number was never issued.
 */
export function nhsValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}

// Verhoeff's dihedral-group tables: they catch every single-digit error and every adjacent
// transposition, which is why UIDAI chose it for Aadhaar.
// prettier-ignore
const D = [
  '0123456789', '1234067895', '2340178956', '3401289567', '4012395678',
  '5987604321', '6598710432', '7659821043', '8765932104', '9876543210',
].map((row) => [...row].map(Number));
/** Position permutations: row i is row 1 applied i times (derived, so no row can be mistyped). */
const P1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
const P = Array.from({ length: 8 }, (_, i) =>
  P1.map((_x, x) => {
    let y = x;
    for (let k = 0; k < i; k++) y = P1[y]!;
    return y;
  }),
);

export function verhoeffValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    c = D[c]![P[i % 8]![digits.charCodeAt(digits.length - 1 - i) - 48]!]!;
  }
  return c === 0;
}

/** Aadhaar: 12 digits, never starting with 0 or 1, Verhoeff check digit last. */
export function aadhaarValid(digits: string): boolean {
  return /^[2-9]\d{11}$/.test(digits) && !/^(\d)\1{11}$/.test(digits) && verhoeffValid(digits);
}
