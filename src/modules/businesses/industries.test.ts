import { describe, expect, it } from 'vitest';
import { industries, industryName } from './industries';

describe('日本標準産業分類', () => {
  it('has the 20 大分類 and 99 中分類, each named in Japanese and English', () => {
    const middle = industries.flatMap((i) => i.middle);
    expect(industries).toHaveLength(20);
    expect(middle).toHaveLength(99);
    for (const m of middle) {
      expect(m.nameEn, m.code).toMatch(/^[A-Z][A-Za-z ,.()'-]+$/);
    }
  });

  it('names an industry in the page language, the 中分類 with its code', () => {
    expect(industryName('ja', 'E', '09')).toBe('製造業 — 09 食料品製造業');
    expect(industryName('en', 'E', '09')).toBe('Manufacturing — 09 Manufacture of food');
    expect(industryName('en', 'I')).toBe('Wholesale and retail trade');
  });
});
