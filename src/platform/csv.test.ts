import { describe, expect, it } from 'vitest';
import { csvFile } from './csv';

describe('csvFile', () => {
  it('writes UTF-8 with a BOM and CRLF line ends', () => {
    expect(
      csvFile([
        ['店舗', '金額'],
        ['和菓子', 300],
      ]),
    ).toBe('\uFEFF店舗,金額\r\n和菓子,300\r\n');
  });

  it('makes text that starts a formula text, so Excel never runs it', () => {
    expect(csvFile([['=HYPERLINK("x")', '+1', '-1', '@SUM(A1)']])).toBe(
      `\uFEFF"'=HYPERLINK(""x"")",'+1,'-1,'@SUM(A1)\r\n`,
    );
  });

  it('keeps a negative number a number, so a refund of 3,000円 adds up in Excel', () => {
    expect(csvFile([['返金・取消', -3000, 0]])).toBe('\uFEFF返金・取消,-3000,0\r\n');
  });

  it('writes nothing for a missing cell', () => {
    expect(csvFile([[null, undefined, '']])).toBe('\uFEFF,,\r\n');
  });
});
