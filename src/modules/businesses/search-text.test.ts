import { describe, expect, it } from 'vitest';
import { bigramsOf, foldForSearch, searchTerms } from './search-text';

describe('Japanese text folded for the directory search', () => {
  it('makes katakana, hiragana and half-width katakana one form', () => {
    expect(foldForSearch('ワガシ')).toBe('わがし');
    expect(foldForSearch('ﾜｶﾞｼ')).toBe('わがし');
    expect(foldForSearch('わがし')).toBe('わがし');
  });

  it('makes full-width letters and digits half-width and lower case', () => {
    expect(foldForSearch('ＣＮＣ　旋盤　５軸')).toBe('cnc 旋盤 5軸');
  });

  it('finds 和菓子 in 和菓子店 by the pairs of its characters', () => {
    const text = bigramsOf(foldForSearch('架空の和菓子店'));
    for (const gram of bigramsOf(foldForSearch('和菓子'))) expect(text).toContain(gram);
  });

  it('splits a search at spaces, full-width too, each word once', () => {
    expect(searchTerms(' 切削　アルミ 切削 ')).toEqual(['切削', 'あるみ']);
  });
});
