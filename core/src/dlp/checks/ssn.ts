/**
 * SSA rules for a US Social Security number given as 9 digits: area 001–665 or 667–899, group
 * 01–99, serial 0001–9999. Two numbers printed in famous advertisements are void.
 */
const VOID_SSNS = new Set(['078051120', '219099999']);

export function ssnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || VOID_SSNS.has(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}
