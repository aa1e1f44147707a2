/**
 * The check digit of a 法人番号 (13 digits: a check digit, then the 12-digit 基礎番号), by the rule of
 * 法人番号の指定等に関する省令 第2条 as the National Tax Agency publishes it: 9 − (Σ Pn × Qn mod 9),
 * where Pn is the n-th digit of the 基礎番号 counted from its last, and Qn is 1 for odd n, 2 for even.
 */
export function corporateNumberCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 0 ? 2 : 1);
  }
  return 9 - (sum % 9);
}

/** Whether 13 digits are a 法人番号 whose first digit is the check digit of the other twelve. */
export function isValidCorporateNumber(value: string): boolean {
  if (!/^[1-9]\d{12}$/.test(value)) return false;
  return Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}
