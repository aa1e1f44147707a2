import { describe, expect, it } from 'vitest';
import { corporateNumberCheckDigit, isValidCorporateNumber } from './corporate-number';

describe('法人番号 check digit', () => {
  it('computes the check digit of the National Tax Agency example 123456789012 as 7', () => {
    expect(corporateNumberCheckDigit('123456789012')).toBe(7);
    expect(isValidCorporateNumber('7123456789012')).toBe(true);
  });

  it('accepts published numbers and refuses one digit changed or swapped', () => {
    expect(isValidCorporateNumber('4011001098993')).toBe(true);
    expect(isValidCorporateNumber('2120901007402')).toBe(true);
    expect(isValidCorporateNumber('5011001098993')).toBe(false);
    expect(isValidCorporateNumber('4011001098939')).toBe(false);
  });

  it('refuses anything but 13 digits', () => {
    expect(isValidCorporateNumber('123456789012')).toBe(false);
    expect(isValidCorporateNumber('0123456789012')).toBe(false);
    expect(isValidCorporateNumber('７１２３４５６７８９０１２')).toBe(false);
  });
});
